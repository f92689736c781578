"""Paper entry (/admin/usulan/kertas/): a facilitator types in a forum group's proposal
written on paper, only for their own kecamatan; the facilitator is told about it."""

import pytest

from forum_anak.core.errors import ActionError
from forum_anak.models import Area, ForumGroup, Notification, Proposal, TimelineEvent
from forum_anak.moderation.services import proposal_paper_enter
from tests.factories import UserFactory
from tests.forum_anak.factories import make_facilitator
from tests.forum_anak.moderation.test_moderation import message_texts, u

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_second_factor")]
S = Proposal.State


@pytest.fixture
def areas(wilayah, cycle):
    own, other = Area.objects.filter(level=Area.Level.KECAMATAN).order_by("code")[:2]
    return {
        "own": own,
        "other": other,
        "own_kelurahan": Area.objects.filter(parent=own).order_by("code").first(),
        "other_kelurahan": Area.objects.filter(parent=other).order_by("code").first(),
    }


@pytest.fixture
def facilitator(areas):
    return make_facilitator(areas["own"])


def _data(group, kelurahan, **overrides):
    data = {
        "group": group.pk,
        "kelurahan": kelurahan.pk,
        "title": "Tempat sampah di pasar",
        "problem": "Sampah berserakan di pasar.",
        "proposed_action": "Tambah tempat sampah.",
        "beneficiaries": "Pedagang dan pembeli.",
        "landmark": "Dekat pintu masuk pasar",
        "cluster_suggested": "kesehatan",
    }
    data.update(overrides)
    return data


def test_facilitator_enters_a_paper_proposal_and_is_notified(client, facilitator, areas):
    group = ForumGroup.objects.get(area=areas["own_kelurahan"])
    client.force_login(facilitator)
    response = client.post(u("paper"), _data(group, areas["own_kelurahan"]))
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.state == S.SUBMITTED and proposal.code
    assert proposal.proposer is None
    assert proposal.entered_by == facilitator
    assert proposal.group == group
    assert proposal.kelurahan == areas["own_kelurahan"]
    assert proposal.revisions.count() == 1
    notification = Notification.objects.get(proposal=proposal)
    assert notification.recipient == facilitator
    assert TimelineEvent.objects.filter(proposal=proposal, action="submit").count() == 1
    assert any(proposal.code in text for text in message_texts(response))


def test_the_kecamatan_group_itself_is_allowed(facilitator, areas):
    group = ForumGroup.objects.get(area=areas["own"])
    proposal = proposal_paper_enter(
        actor=facilitator,
        group=group,
        kelurahan=areas["own_kelurahan"],
        title="Judul",
        problem="Masalah",
        proposed_action="Tindakan",
    )
    assert proposal.group == group


def test_a_facilitator_outside_the_kecamatan_is_refused(client, facilitator, areas):
    other_group = ForumGroup.objects.get(area=areas["other_kelurahan"])
    own_group = ForumGroup.objects.get(area=areas["own_kelurahan"])
    client.force_login(facilitator)
    # Through the form: the other kecamatan's group and kelurahan are not choices.
    response = client.post(u("paper"), _data(other_group, areas["other_kelurahan"]))
    assert response.status_code == 200
    assert "group" in response.context["form"].errors
    assert "kelurahan" in response.context["form"].errors
    response = client.post(u("paper"), _data(own_group, areas["other_kelurahan"]))
    assert "kelurahan" in response.context["form"].errors
    # Through the service: refused the same way.
    with pytest.raises(ActionError):
        proposal_paper_enter(
            actor=facilitator,
            group=other_group,
            kelurahan=areas["other_kelurahan"],
            title="Judul",
            problem="Masalah",
            proposed_action="Tindakan",
        )
    with pytest.raises(ActionError):
        proposal_paper_enter(
            actor=make_facilitator(areas["other"]),
            group=own_group,
            kelurahan=areas["own_kelurahan"],
            title="Judul",
            problem="Masalah",
            proposed_action="Tindakan",
        )
    assert not Proposal.objects.exists()
    assert not Notification.objects.exists()


def test_the_form_lists_only_the_facilitators_groups(client, facilitator, areas):
    client.force_login(facilitator)
    form = client.get(u("paper")).context["form"]
    areas_listed = {group.area for group in form.fields["group"].queryset}
    assert areas["own"] in areas_listed
    assert all(area == areas["own"] or area.parent == areas["own"] for area in areas_listed)


def test_empty_text_is_a_form_error(client, facilitator, areas):
    group = ForumGroup.objects.get(area=areas["own_kelurahan"])
    client.force_login(facilitator)
    response = client.post(u("paper"), _data(group, areas["own_kelurahan"], title=""))
    assert response.status_code == 200 and "title" in response.context["form"].errors
    assert not Proposal.objects.exists()


def test_the_closed_window_is_a_message_not_a_500(client, facilitator, areas, cycle):
    from datetime import timedelta

    cycle.submission_closes = cycle.submission_opens + timedelta(days=1)
    cycle.save()
    group = ForumGroup.objects.get(area=areas["own_kelurahan"])
    client.force_login(facilitator)
    response = client.post(u("paper"), _data(group, areas["own_kelurahan"]))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not Proposal.objects.exists()


def test_not_a_facilitator_is_refused(client, areas):
    from portal import roles

    for user in (UserFactory(groups=[roles.EDITOR]), UserFactory(groups=[roles.COORDINATOR])):
        client.force_login(user)
        assert client.get(u("paper")).status_code == 403
        assert client.post(u("paper"), {}).status_code == 403
    assert not Proposal.objects.exists()
