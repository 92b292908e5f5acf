"""The in-platform inbox: unread, read, archived, newest first, page by page, the owner's only."""

from shared.events import CreditsToppedUp, Money


async def top_ups(community, person, count: int) -> None:
    for i in range(count):
        await community.publish(CreditsToppedUp(student_id=person.user_id, payment_id=f"pay-{i}",
                                                amount=Money(amount_minor=100 * (i + 1), currency="EUR")))


async def test_the_inbox_pages_newest_first_without_gaps_or_repeats(community):
    student = community.student()
    await top_ups(community, student, 5)
    first = await community.inbox(student, limit=2)
    second = await community.inbox(student, limit=2, cursor=first["next_cursor"])
    third = await community.inbox(student, limit=2, cursor=second["next_cursor"])
    subjects = [i["subject"] for page in (first, second, third) for i in page["items"]]
    assert subjects == [f"EUR {n}.00 added to your credits" for n in (5, 4, 3, 2, 1)]
    assert third["next_cursor"] is None and first["unread"] == 5


async def test_items_move_between_unread_read_and_archived(community):
    student = community.student()
    await top_ups(community, student, 3)
    newest, middle, _ = (await community.inbox(student))["items"]

    read = await community.api.patch(f"/v1/inbox/{newest['id']}", json={"state": "read"}, headers=student.headers)
    assert read.status_code == 200 and read.json()["read_at"] is not None
    await community.api.patch(f"/v1/inbox/{middle['id']}", json={"state": "archived"}, headers=student.headers)

    assert [i["id"] for i in (await community.inbox(student, state="archived"))["items"]] == [middle["id"]]
    assert [i["id"] for i in (await community.inbox(student, state="read"))["items"]] == [newest["id"]]
    shown = await community.inbox(student)
    assert len(shown["items"]) == 2 and shown["unread"] == 1  # the archived one is out of the way

    marked = await community.api.post("/v1/inbox/read-all", headers=student.headers)
    assert marked.json() == {"marked_read": 1} and (await community.inbox(student))["unread"] == 0


async def test_nobody_reads_or_moves_anothers_inbox(community):
    student, other = community.student(), community.student("student-2")
    await top_ups(community, student, 1)
    [item] = (await community.inbox(student))["items"]
    assert (await community.api.get(f"/v1/inbox/{item['id']}", headers=other.headers)).status_code == 404
    moved = await community.api.patch(f"/v1/inbox/{item['id']}", json={"state": "read"}, headers=other.headers)
    assert moved.status_code == 404
    assert (await community.inbox(other))["items"] == []


async def test_a_cursor_that_is_not_ours_is_refused(community):
    response = await community.api.get("/v1/inbox", params={"cursor": "bm90LW91cnM"},
                                       headers=community.student().headers)
    assert response.status_code == 422 and response.json()["type"] == "/problems/invalid-cursor"
