from django.shortcuts import render

from villages.models import County, ServiceStation, Village


def home(request):
    figures = {
        "villages": Village.objects.count(),
        "stations": ServiceStation.objects.count(),
        "poverty_counties": County.objects.filter(is_poverty_county=True).count(),
    }
    return render(request, "home.html", {"figures": figures})
