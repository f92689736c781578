"""The one error a forum_anak service raises when a step is not allowed now."""


class ActionError(Exception):
    """A step refused for this person, object or state, with a message written for the
    person who tried it. Services raise it before changing anything (or inside their
    transaction, so that nothing is saved); views show the message."""
