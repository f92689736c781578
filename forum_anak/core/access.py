"""Who may do what: every role predicate of forum anak, once.

Services check these before they change anything; views and menu items use the same ones
to decide what to show, so a screen and the rule behind it never disagree. Superusers pass
every staff predicate except the protection officer's (DESIGN.md roles: reading a
safeguarding concern needs the role itself, granted explicitly and logged).
"""

from portal.roles import PROTECTION_OFFICER


def _active_with(user, permission: str) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.has_perm(permission))
    )


def is_facilitator(user) -> bool:
    """Fasilitator: verifies members of their kecamatan, enters paper proposals."""
    return _active_with(user, "forum_anak.verify_member")


def is_moderator(user) -> bool:
    """Moderator usulan: reviews, approves, rejects and hides proposals."""
    return _active_with(user, "forum_anak.moderate_proposal")


def is_coordinator(user) -> bool:
    """Koordinator musrenbang: sessions, bundles, forwarding, outcomes, exports."""
    return _active_with(user, "forum_anak.coordinate_musrenbang")


def is_officer(user) -> bool:
    """Petugas perlindungan: the group itself, granted explicitly. A superuser or a stray
    permission is not enough."""
    return (
        user.is_authenticated
        and user.is_active
        and user.groups.filter(name=PROTECTION_OFFICER).exists()
    )


def is_proposer(user, proposal) -> bool:
    """The member who wrote the proposal, or the facilitator who typed in a paper one."""
    return user.pk is not None and user.pk in (proposal.proposer_id, proposal.entered_by_id)


def is_admin(user) -> bool:
    """An active superuser (users, groups, settings; the export log)."""
    return user.is_authenticated and user.is_active and user.is_superuser
