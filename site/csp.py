"""Which Content-Security-Policy a response gets: the strict public policy
(``CONTENT_SECURITY_POLICY``) everywhere, the editors' policy
(``ADMIN_CONTENT_SECURITY_POLICY``) under ``ADMIN_CSP_PATH_PREFIXES`` and for the previews
Wagtail renders there: a preview runs the page through the middleware once more with a
dummy request for the page's public URL (``is_dummy``), and the admin shows the result in
its own frame. A view that sets its own header keeps it (document downloads: Wagtail's
``default-src 'none'``)."""

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings


def is_for_editors(request):
    return getattr(request, "is_dummy", False) or request.path_info.startswith(
        tuple(settings.ADMIN_CSP_PATH_PREFIXES)
    )


class SitePolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        # A view's own @csp(...) config wins; otherwise the admin gets its policy.
        if not report_only and parts.config is None and is_for_editors(request):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        return parts
