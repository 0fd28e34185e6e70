
app_name = "agencies"

urlpatterns: list = []
