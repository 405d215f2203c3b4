"""What pooling tells other parts, without importing them (parts above it, like my budget,
listen). Sent inside the transaction that made the change, so a listener's work is saved or
rolled back with it."""

from django.dispatch import Signal

#: A person's place in a group changed: ``membership`` and ``change``, one of "joined" (a
#: member now, not on the waiting list), "accepted" (they accepted an agreement version:
#: ``per_session_pence`` is the share they agreed), "left", or "group_closed" (the group ended or
#: was cancelled, sent once for each member it had).
membership_changed = Signal()
