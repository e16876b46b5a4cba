"""The app's models, one module per part (Django finds them here)."""

from .consultations.models import *  # noqa: F403
from .decisions.models import *  # noqa: F403
from .evaluations.models import *  # noqa: F403
from .opendays.models import *  # noqa: F403
