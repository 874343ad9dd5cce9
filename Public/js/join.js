// The join flow: invite or access code when needed, the optional profile questions, and the privacy statement.
import { api, describeError, seg, ApiError } from "./api.js";
import { el, byId, replace, say } from "./dom.js";
import { offerSignIn, onSharedComputer } from "./signin.js";
import { rememberPending } from "./pending.js";

/**
 * One profile question as a labelled select. An optional one left alone is not answered: its empty choice says
 * "Prefer not to say", unless the question already offers that answer itself (then it would be listed twice).
 */
function profileField(question, index) {
  const id = `profile-${index}`;
  const offersIt = question.choices.some((choice) => /^prefer not to say$/i.test(choice.trim()));
  const empty = question.required || offersIt ? "Choose one" : "Prefer not to say";
  const select = el("select", { id, name: question.key, "data-key": question.key, required: Boolean(question.required) },
    el("option", { value: "", text: empty }),
    ...question.choices.map((choice) => el("option", { value: choice, text: choice })),
  );
  return el("div", { class: "field" },
    el("label", { for: id }, question.label, question.required ? null : el("span", { class: "hint", text: " (optional)" })),
    select,
  );
}

/** The proof of work a campaign under a wave of sign-ups asks for; its code is fetched only for such a campaign. */
function joinProof(slug) {
  return import("./proof.js").then((m) => m.joinProof(slug));
}

/**
 * Shows the join section when the visitor has not joined yet; calls `onJoined` after a successful join.
 */
export function setUpJoin(page, onJoined) {
  const section = byId("join");
  const form = byId("join-form");
  const status = byId("join-status");
  const codeInput = byId("join-code");
  // A campaign asking for proof of work gets it worked out while the visitor reads the form, so
  // joining stays one click; a proof is used once, so a failed join starts a new one.
  let proof = null;
  const prepareProof = () => {
    proof = !page.joined && page.campaign.joinProofBits > 0 ? joinProof(page.slug) : null;
    proof?.catch(() => {});  // an error is reported when the join needs it
  };
  const render = () => {
    const campaign = page.campaign;
    section.hidden = page.joined;
    // Joining is offered only while there is something to do once joined; afterwards only signing back in (an
    // author returning to their guide on another device) is.
    // The shared-computer box stays: signing back in on a ward computer needs it.
    const useful = campaign.state === "live" && ["understand", "answer", "prioritise"].includes(campaign.openPhase);
    byId("privacy").hidden = !useful;
    byId("join-button").hidden = !useful;
    byId("join-heading").textContent = useful ? "Join this campaign" : "Already took part?";
    byId("code-field").hidden = !useful || !campaign.access || campaign.access === "open";
    replace(byId("profile-fields"), ...(useful ? campaign.profileQuestions ?? [] : []).map(profileField));
    prepareProof();
  };
  render();
  // A personal invitation's link (/c/SLUG#code=CODE) fills the code in; the fragment never reaches a server. An
  // access code given as /c/SLUG?code=CODE (as organisers type it into a poster or an e-mail) fills it in too, and
  // leaves the address bar, so it is not bookmarked or shared with the page.
  const pattern = /^[0-9A-Za-z-]{4,80}$/;
  const fromHash = /^#code=(.*)$/.exec(location.hash)?.[1];
  const params = new URLSearchParams(location.search);
  const fromQuery = params.get("code");
  const fromLink = [fromHash, fromQuery].find((value) => value && pattern.test(value));
  if (fromHash !== undefined || fromQuery !== null) {
    params.delete("code");
    const rest = params.toString();
    history.replaceState(null, "", location.pathname + (rest ? `?${rest}` : "") + (fromHash !== undefined ? "" : location.hash));
  }
  if (fromLink) codeInput.value = fromLink;

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = {};
    if (!byId("code-field").hidden) {
      const code = codeInput.value.trim();
      if (!code) {
        say(status, "Please enter your invite or access code.", "error");
        codeInput.focus();
        return;
      }
      body.code = code;
    }
    const profile = {};
    for (const select of form.querySelectorAll("select[data-key]")) {
      if (select.required && !select.value) {
        say(status, "Please answer the questions marked as needed, or choose an option.", "error");
        select.focus();
        return;
      }
      if (select.value) profile[select.dataset.key] = select.value;
    }
    if (Object.keys(profile).length) body.profile = profile;
    if (onSharedComputer()) body.shared = true;
    const button = byId("join-button");
    button.disabled = true;
    say(status, "Joining…");
    try {
      if (proof) body.proof = await proof;
      try {
        await api("POST", `/api/campaigns/${seg(page.slug)}/join`, body);
      } catch (error) {
        // The challenge expired (or the server restarted) while the form was open: work once more.
        if (!(error instanceof ApiError) || (error.code !== "proof_invalid" && error.code !== "proof_required")) throw error;
        body.proof = await joinProof(page.slug);
        await api("POST", `/api/campaigns/${seg(page.slug)}/join`, body);
      }
      say(status, "");
      const carried = await onJoined();
      section.hidden = true;
      if (!carried) {
        say(byId("page-status"), "You have joined. You can now contribute, vote and comment.", "success");
        byId("compose-body").focus();
      }
    } catch (error) {
      prepareProof();
      if (error instanceof ApiError && error.code === "code_used") {
        say(status, "");
        offerSignIn(describeError(error));
        return;
      }
      say(status, describeError(error), "error");
      if (error instanceof ApiError && (error.code === "invalid_code" || error.code === "invite_required")) codeInput.focus();
    } finally {
      button.disabled = false;
    }
  });

  return { render };
}

/**
 * Brings the join section into view with a message, for actions tried before joining. `pending`
 * (`{slug, action}`) is remembered and carried out right after the join; on a page without the join
 * form (an idea's own page) the visitor is taken to the campaign page to join.
 */
export function askToJoin(message, pending = null) {
  if (pending) rememberPending(pending.slug, pending.action);
  const section = document.getElementById("join");
  if (!section) {
    if (pending) location.assign(`/c/${encodeURIComponent(pending.slug)}#join`);
    return;
  }
  section.hidden = false;
  say(byId("join-status"), message, "info");
  section.scrollIntoView({ block: "start" });
  const first = [...section.querySelectorAll("input, select, button")].find((node) => node.offsetParent !== null);
  first?.focus();
}
