"""Campaign states the browser tests start from, built through the real admin, analysis and guide APIs (set-up, not
the behaviour under test): a published codebook, ideas in Answer, guides in Act, published guides."""
from api_client import contributor, staff

SLUG = "demo"

BARRIERS = ["Phone queue at 8am", "No bus to the walk-in centre"]
BLOCKS = ["Pharmacists who see people first"]

# (title, body, barrier indexes, building-block indexes, problem text) of the ideas that become guides.
GUIDE_IDEAS = [
    ("Call-back list instead of the 8am queue", "Leave your number and the surgery rings you back the same day.",
     [0], [], "Everyone rings at eight and most give up before they get through."),
    ("Pharmacy first for minor illness", "Send people with sore throats and earache to the pharmacist, no appointment.",
     [], [0], "People wait days for a GP appointment a pharmacist could have handled in ten minutes."),
    ("Community minibus on clinic days", "A volunteer minibus from the east side on the days the walk-in centre is busiest.",
     [1], [0], "Without a car the walk-in centre is two buses and an hour away."),
]


def open_phase(admin, kind, slug=SLUG):
    """Closes the open phase (only one may be open), then opens `kind`."""
    current = admin.ok("GET", f"/api/campaigns/{slug}").get("openPhase")
    if current:
        admin.ok("POST", f"/admin/campaigns/{slug}/phases/{current}/close", {"reason": f"test scene: {kind} next"})
    admin.ok("POST", f"/admin/campaigns/{slug}/phases/{kind}/open", {"reason": f"test scene: {kind}"})


def add_theme(admin, name, kind, slug=SLUG):
    return admin.ok("POST", f"/admin/campaigns/{slug}/themes", {"name": name, "kind": kind})["id"]


def published_codebook(server, slug=SLUG):
    """Barrier and building-block themes, each coded on an Understand item (one team per item, so each code is a
    finding) and published. Returns {"barriers": [id], "blocks": [id]}."""
    admin = staff(server)
    barriers = [add_theme(admin, name, "barrier", slug) for name in BARRIERS]
    blocks = [add_theme(admin, name, "building_block", slug) for name in BLOCKS]
    items = admin.ok("GET", f"/admin/campaigns/{slug}/coding/queue")["items"]
    for item, theme in zip(items, barriers + blocks):
        admin.ok("PUT", f"/admin/contributions/{item['id']}/codes", {"themes": [theme], "notRelevant": False, "memo": ""})
    published = admin.ok("POST", f"/admin/campaigns/{slug}/publish-themes")["published"]
    assert {t["id"] for t in published} >= set(barriers + blocks), published
    return {"barriers": barriers, "blocks": blocks}


def answer_question(client, slug=SLUG):
    campaign = client.ok("GET", f"/api/campaigns/{slug}")
    return next(q["id"] for q in campaign["questions"] if q["phase"] == "answer")


def post_idea(author, title, body, themes=(), slug=SLUG):
    question = answer_question(author, slug)
    return author.ok("POST", f"/api/campaigns/{slug}/contributions",
                     {"questionId": question, "title": title, "body": body, "themes": list(themes)})["id"]


def ideas_in_answer(server, count=3, slug=SLUG):
    """Opens Answer and posts `count` ideas by one contributor. Returns (author client, [idea id])."""
    open_phase(staff(server), "answer", slug)
    author = contributor(server, slug)
    ideas = [post_idea(author, f"Idea {n + 1}: evening clinics twice a week",
                       f"Open the surgery until eight on Tuesdays and Thursdays (idea {n + 1}).", slug=slug)
             for n in range(count)]
    return author, ideas


def guides_in_act(server, slug=SLUG):
    """A published codebook, the GUIDE_IDEAS posted in Answer with their themes, taken through the prioritise and act
    rounds, each with a guide its author wrote once (revision 1). Returns a dict with the clients and ids."""
    codebook = published_codebook(server, slug)
    admin = staff(server)
    open_phase(admin, "answer", slug)
    author = contributor(server, slug)
    guides = []
    for title, body, barriers, blocks, problem in GUIDE_IDEAS:
        themes = [codebook["barriers"][i] for i in barriers] + [codebook["blocks"][i] for i in blocks]
        idea = post_idea(author, title, body, themes, slug)
        admin.ok("POST", f"/admin/campaigns/{slug}/shortlist/prioritise", {"contributionId": idea, "reason": "Popular"})
        guides.append({"idea": idea, "title": title, "themes": themes, "problem": problem})
    open_phase(admin, "prioritise", slug)
    open_phase(admin, "act", slug)
    for guide in guides:
        admin.ok("POST", f"/admin/campaigns/{slug}/shortlist/act", {"contributionId": guide["idea"], "reason": "Feasible"})
        guide["id"] = admin.ok("POST", f"/admin/contributions/{guide['idea']}/guide")["id"]
        author.ok("PUT", f"/api/guides/{guide['id']}", {"revision": 0, "title": guide["title"], "sections": {
            "problem": guide["problem"], "whatToDo": "Start small with one practice and ask patients after a month."}})
    return {"admin": admin, "author": author, "codebook": codebook, "guides": guides}


def published_guides(server, slug=SLUG, count=None):
    """`guides_in_act`, then the first `count` guides (all by default) marked final and published."""
    scene = guides_in_act(server, slug)
    for guide in scene["guides"][:count]:
        scene["admin"].ok("POST", f"/admin/guides/{guide['id']}/final", {"final": True})
        scene["admin"].ok("POST", f"/admin/campaigns/{slug}/shortlist/published", {"contributionId": guide["idea"], "reason": "Ready"})
    return scene
