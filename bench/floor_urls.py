"""URLs of the benchmark server: the floor views, then the product's URLs.

config.urls uses i18n_patterns, which Django refuses inside include(), so
its list is reused as is with the floor routes put in front.
"""

from django.urls import path

from bench import floor_views
from config.urls import urlpatterns as product_urlpatterns

urlpatterns = [
    path("bench/floor/render/", floor_views.render_floor, name="bench-floor-render"),
    path("bench/floor/insert/", floor_views.insert_floor, name="bench-floor-insert"),
    *product_urlpatterns,
]
