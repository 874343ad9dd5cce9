// The submit form: question choice, similar ideas while typing, and a draft kept in localStorage so nothing is lost
// (except on a shared computer, where nothing is kept in the browser at all).
import { api, describeError, seg, query, ApiError } from "./api.js";
import { el, byId, replace, say, debounce } from "./dom.js";
import { askToJoin } from "./join.js";

/** Wires the compose form; returns `{ refresh }` to call after the campaign reloads. */
export function setUpCompose(page) {
  const section = byId("contribute");
  const form = byId("compose");
  const select = byId("compose-question");
  const title = byId("compose-title");
  const body = byId("compose-body");
  const status = byId("compose-status");
  const similar = byId("similar");
  const draftKey = `gs-draft-${page.slug}`;
  /** On a shared computer the next person must not find the last one's words. */
  const keepsDrafts = () => !page.campaign?.shared;

  const saveDraft = () => {
    try {
      if (!keepsDrafts() || (!title.value && !body.value)) localStorage.removeItem(draftKey);
      else localStorage.setItem(draftKey, JSON.stringify({ questionId: select.value, title: title.value, body: body.value }));
    } catch {
      // Storage may be full or disabled; the form still works, the draft just is not kept.
    }
  };
  const restoreDraft = () => {
    try {
      if (!keepsDrafts()) {
        localStorage.removeItem(draftKey);
        return;
      }
      const draft = JSON.parse(localStorage.getItem(draftKey) ?? "null");
      if (!draft) return;
      if (draft.questionId && [...select.options].some((o) => o.value === String(draft.questionId))) select.value = String(draft.questionId);
      if (!title.value) title.value = draft.title ?? "";
      if (!body.value) body.value = draft.body ?? "";
    } catch {
      // A damaged draft is simply ignored.
    }
  };

  const showSimilar = debounce(async () => {
    const text = `${title.value} ${body.value}`.trim();
    if (text.length < 6) {
      similar.hidden = true;
      return;
    }
    try {
      const { items } = await api("GET", `/api/campaigns/${seg(page.slug)}/similar${query({ text })}`);
      if (!items.length) {
        similar.hidden = true;
        return;
      }
      replace(similar,
        el("p", { class: "small" }, el("strong", { text: "Similar ideas already shared." }), " You could vote for one of these instead, or send yours if it is different:"),
        el("ul", {}, ...items.map((item) => el("li", { "data-similar-id": item.id },
          el("a", { href: `/c/${encodeURIComponent(page.slug)}/ideas/${encodeURIComponent(item.id)}`, text: item.title || item.body.slice(0, 120) }),
          el("span", { class: "muted small", text: ` (${item.up} up, ${item.down} down)` }),
        ))),
      );
      similar.hidden = false;
    } catch {
      similar.hidden = true;
    }
  }, 400);

  for (const input of [title, body]) {
    input.addEventListener("input", () => {
      saveDraft();
      showSimilar();
    });
  }
  select.addEventListener("change", () => {
    saveDraft();
    byId("question-text").textContent = select.selectedOptions[0]?.textContent ?? "";
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!page.joined) {
      askToJoin("Join the campaign to send your contribution. Your draft is kept.");
      return;
    }
    if (!body.value.trim()) {
      say(status, "Please write your contribution before sending it.", "error");
      body.focus();
      return;
    }
    const payload = { questionId: Number.isNaN(Number(select.value)) ? select.value : Number(select.value), body: body.value.trim() };
    if (title.value.trim()) payload.title = title.value.trim();
    const themes = [...form.querySelectorAll("input[name=theme]:checked")].map((box) => Number(box.value));
    if (themes.length) payload.themes = themes;
    const button = byId("compose-submit");
    button.disabled = true;
    say(status, "Sending…");
    try {
      const created = await api("POST", `/api/campaigns/${seg(page.slug)}/contributions`, payload);
      title.value = "";
      body.value = "";
      for (const box of form.querySelectorAll("input[name=theme]")) box.checked = false;
      saveDraft();
      similar.hidden = true;
      say(status, "Thank you. Your contribution has been posted anonymously.", "success");
      page.list.addOwn(created);
      page.mine.refresh();
    } catch (error) {
      say(status, `${describeError(error)} Your text is still here.`, "error");
      if (error instanceof ApiError && error.code === "unauthorized") askToJoin("Please join again to send your contribution. Your draft is kept.");
      if (error instanceof ApiError && error.field === "title") title.focus();
      else if (error instanceof ApiError && error.field === "body") body.focus();
    } finally {
      button.disabled = false;
    }
  });

  const refresh = () => {
    const campaign = page.campaign;
    const open = campaign.openPhase;
    const questions = (campaign.questions ?? []).filter((q) => q.phase === open);
    const allowed = page.permission("contribute");
    section.hidden = !open || !questions.length || (allowed !== true && allowed !== "unauthorized");
    byId("nav-contribute").hidden = section.hidden;
    // Why nothing can be added is the banner's to say (each phase explains itself there), not a second notice.
    const current = select.value;
    replace(select, ...questions.map((q) => el("option", { value: q.id, text: q.text })));
    if (current) select.value = current;
    byId("question-field").hidden = questions.length < 2;
    const questionText = byId("question-text");
    questionText.hidden = questions.length !== 1;
    questionText.textContent = questions.length === 1 ? questions[0].text : "";
    byId("contribute-heading").textContent = open === "answer" ? "Suggest an idea" : "Tell us what it is like";
    const themes = open === "answer" ? campaign.themes ?? [] : [];
    const fieldset = byId("compose-themes");
    fieldset.hidden = !themes.length;
    replace(fieldset, el("legend", {}, "Themes this relates to ", el("span", { class: "hint", text: "(optional)" })),
      ...themes.map((theme) => el("label", { class: "choice" }, el("input", { type: "checkbox", name: "theme", value: theme.id }), theme.name)));
    byId("compose-hint").textContent = keepsDrafts()
      ? "Please do not include names or details that could identify anyone. Your draft is kept on this device until you send it."
      : "Please do not include names or details that could identify anyone. On a shared computer nothing is kept: send it before you leave.";
    restoreDraft();
  };

  return { refresh };
}
