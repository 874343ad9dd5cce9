// The join flow: invite or access code when needed, the optional profile questions, and the privacy statement.
import { api, describeError, seg, ApiError } from "./api.js";
import { el, byId, replace, say } from "./dom.js";
import { offerSignIn, onSharedComputer } from "./signin.js";
import { joinProof } from "./proof.js";

/** One profile question as a labelled select; optional ones offer "Prefer not to say". */
function profileField(question, index) {
  const id = `profile-${index}`;
  const select = el("select", { id, name: question.key, "data-key": question.key, required: Boolean(question.required) },
    el("option", { value: "", text: question.required ? "Choose one" : "Prefer not to say" }),
    ...question.choices.map((choice) => el("option", { value: choice, text: choice })),
  );
  return el("div", { class: "field" },
    el("label", { for: id }, question.label, question.required ? null : el("span", { class: "hint", text: " (optional)" })),
    select,
  );
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
    byId("code-field").hidden = !campaign.access || campaign.access === "open";
    replace(byId("profile-fields"), ...(campaign.profileQuestions ?? []).map(profileField));
    prepareProof();
  };
  render();
  // A personal invitation's link (/c/SLUG#code=CODE) fills the code in; the fragment never reaches a server.
  const fromLink = /^#code=([0-9A-Za-z-]{4,80})$/.exec(location.hash)?.[1];
  if (fromLink) {
    history.replaceState(null, "", location.pathname + location.search);
    codeInput.value = fromLink;
  }

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
      await onJoined();
      section.hidden = true;
      say(byId("page-status"), "You have joined. You can now contribute, vote and comment.", "success");
      byId("compose-body").focus();
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

/** Brings the join section into view with a message, for actions tried before joining. */
export function askToJoin(message) {
  const section = byId("join");
  section.hidden = false;
  say(byId("join-status"), message, "info");
  section.scrollIntoView({ block: "start" });
  const first = [...section.querySelectorAll("input, select, button")].find((node) => node.offsetParent !== null);
  first?.focus();
}
