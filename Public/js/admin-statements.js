// Console section: official statements — the campaign team's own contribution to one of its questions, shown to
// everyone marked "from the campaign team", never as anyone's anonymous voice.
import { api, seg } from "./api.js";
import { el, replace, phaseName } from "./dom.js";
import { field, input, select } from "./admin-kit.js";

export const statementsSection = {
  id: "statements",
  title: "Official statements",
  intro: "Post as the campaign team: a statement answers one question and shows on the campaign page marked as coming from the team.",
  async load(section) {
    const campaign = await api("GET", `/admin/campaigns/${seg(section.slug)}`);
    const questions = campaign.questions ?? [];
    if (!questions.length) {
      replace(section.body, el("p", { class: "muted", text: "The campaign has no questions yet: add one in Set-up first." }));
      return;
    }
    const question = select(questions.map((q) => [String(q.id), `${phaseName(q.phase)}: ${q.text}`]), { name: "questionId" });
    const title = input({ name: "title", maxlength: 200 });
    const body = el("textarea", { name: "body", maxlength: 5000, required: true });
    const posted = el("div", { id: "statement-posted" });
    const form = el("form", { id: "statement-form" },
      field("Question it answers", question), field("Title (optional)", title),
      field("Statement", body, "Shown to everyone in the campaign as coming from the campaign team."),
      el("button", { type: "submit", text: "Post official statement" }));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (!body.value.trim()) return section.say("Please write the statement first.", "error");
      const payload = { questionId: Number(question.value), body: body.value.trim() };
      if (title.value.trim()) payload.title = title.value.trim();
      const statement = await section.run(() => api("POST", `/admin/campaigns/${seg(section.slug)}/statements`, payload));
      if (!statement) return;
      title.value = "";
      body.value = "";
      section.say(`Official statement ${statement.id} posted.`, "success");
      replace(posted, el("p", {}, "It is on the campaign page: ",
        el("a", { href: `/c/${encodeURIComponent(section.slug)}`, text: "open the campaign page" }), "."));
    });
    replace(section.body, form, posted);
  },
};
