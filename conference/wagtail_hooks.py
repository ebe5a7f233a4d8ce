from wagtail import hooks

from .admin_listing import event_listing_viewset


@hooks.register("register_admin_viewset")
def register_event_listing():
    return event_listing_viewset
