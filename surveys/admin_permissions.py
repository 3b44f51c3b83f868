"""What our own pages in the Wagtail admin share: each needs a permission,
checked before anything else (a missing one is PermissionDenied, which the
admin answers by sending the user to its front page), and its menu item is
shown only to those who have it. Used by surveys' and participation's admin
modules (participation may import surveys, not the other way round)."""

from django.core.exceptions import PermissionDenied
from wagtail.admin.menu import MenuItem


def require_permission(request, *permissions: str) -> None:
    """PermissionDenied unless the user has one of `permissions`."""
    if not any(request.user.has_perm(permission) for permission in permissions):
        raise PermissionDenied


class PermissionMenuItem(MenuItem):
    """A menu item shown to users with one of `permissions`."""

    def __init__(self, *args, permissions: tuple[str, ...], **kwargs):
        super().__init__(*args, **kwargs)
        self.permissions = permissions

    def is_shown(self, request):
        return any(request.user.has_perm(p) for p in self.permissions)


class PermissionRequiredMixin:
    """For a view class: `permission` is checked before dispatching."""

    permission: str = ""

    def dispatch(self, request, *args, **kwargs):
        require_permission(request, self.permission)
        return super().dispatch(request, *args, **kwargs)
