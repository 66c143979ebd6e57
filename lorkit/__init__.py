"""lorkit: plan letters of recommendation for US Pediatrics and Med-Peds residency (for IMGs).

The domain package: no Streamlit here; only `lorkit.charts` imports altair and pandas.
"""

from lorkit.assessment import Assessment, assess
from lorkit.models import Profile
from lorkit.profile_io import (
    ProfileError,
    load_profile,
    profile_from_dict,
    profile_from_json,
    profile_to_dict,
    profile_to_json,
)

__all__ = [
    "Assessment",
    "Profile",
    "ProfileError",
    "assess",
    "load_profile",
    "profile_from_dict",
    "profile_from_json",
    "profile_to_dict",
    "profile_to_json",
]
__version__ = "0.1.0"
