"""Problems the routes raise as a shared base class (NotFound, Conflict, ...) with a slug of their own,
worded once for the routes' `responses=` (shared.openapi.problem_answers)."""

MARKETPLACE_NOT_KNOWN = (404, "`marketplace-not-found`: The marketplace is not known to the booking service yet "
                              "(it learns of it within seconds of its registration)")
PROFILE_MISSING = (404, "`provider-profile-missing`: The caller has no provider profile yet (PUT /v1/providers/me)")
PROVIDER_NOT_FOUND = (404, "`provider-not-found`: No such provider in the caller's marketplace")
OFFERING_NOT_FOUND = (404, "`offering-not-found`: No such offering in the caller's marketplace")
OFFERING_WITHDRAWN = (409, "`offering-withdrawn`: The provider has withdrawn the offering")
BOOKING_NOT_FOUND = (404, "`booking-not-found`: No such booking of the caller's (staff: of their marketplace)")
