"""Date and number formats for the site's languages that Django ships none
for (settings.FORMAT_MODULE_PATH): Somali and Tigrinya. Without them a
Somali or Tigrinya page wrote dates the American way ("Dec. 7, 2026",
12/07/2026). The month and weekday names come from locale_vendor
(scripts/vendor_catalogs.py); the patterns follow CLDR's for so and ti
(day, month, year; a 24-hour clock; a point for decimals)."""
