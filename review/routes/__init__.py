"""The review app's pages by area, one APIRouter each, in the order `create_app` mounts them.

`common` holds what they share: the database session, the signed-in user and the role a page
needs, the CSRF check and the page rendering. What is one app's own (its database, settings,
templates and caches) is on `app.state`, set by `create_app`, so a router is one module-level
object that any number of apps (tests, worker processes) can mount.
"""

from review.routes import admin, analysts, auth, cases, dashboard, items, queue, referrals

ROUTERS = (auth.router, queue.router, items.router, cases.router, dashboard.router,
           referrals.router, analysts.router, admin.router)
