"""Swedish: "6 december 2026", "13:00", "391 224" (from five digits; see the package), "12,5"."""

DATE_FORMAT = "j F Y"  # 6 december 2026 (Django's Swedish month names are lower case)
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "Y-m-d"  # ISO 8601, the Swedish standard for numeric dates
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
FIRST_DAY_OF_WEEK = 1  # Monday

# Input: ISO first (what <input type="date"> sends), then the Swedish numeric forms people type.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y"]
TIME_INPUT_FORMATS = ["%H:%M:%S", "%H:%M:%S.%f", "%H:%M", "%H.%M"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",  # <input type="datetime-local">
    "%Y-%m-%d %H.%M",
    "%d/%m/%Y %H:%M",
]

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"  # a no-break space: a number never breaks over two lines
NUMBER_GROUPING = 3
