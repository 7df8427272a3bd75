"""Every write to the catalogue: editing (``editing``) and the EMIL3 import (``emil3``)."""
