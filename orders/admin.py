"""Django admin for orders: read-mostly; the commission and payouts go through the services."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError
from orders import services
from orders.models import (
    ActivityRule,
    AssistedPurchase,
    CheckoutPayment,
    CommissionRate,
    Dispute,
    Order,
    OrderEvent,
    OrderLine,
    Payment,
    Refund,
    ShopLedgerEntry,
    ShopMonthlySales,
)
from orders.selectors import order_contact_for


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class LineInline(ReadOnlyInline):
    model = OrderLine


class EventInline(ReadOnlyInline):
    model = OrderEvent


class PaymentInline(ReadOnlyInline):
    model = Payment
    exclude = ["idempotency_key"]


class RefundInline(ReadOnlyInline):
    model = Refund


class ReadOnlyAdmin(admin.ModelAdmin):
    """Orders move only through their services (and the pages/API that call them)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Order)
class OrderAdmin(ReadOnlyAdmin):
    list_display = ["number", "shop", "buyer", "status", "total", "refunded_amount", "placed_at", "paid_at"]
    list_filter = ["status"]
    search_fields = ["number", "buyer__username", "shop__name", "tracking_number"]
    list_select_related = ["shop", "buyer"]
    # The recipient's phone and street as orders.selectors.order_contact_for allows (masked once shipped).
    exclude = ["recipient_phone", "ship_address"]
    readonly_fields = ["recipient_phone_shown", "ship_address_shown"]

    @admin.display(description=_("phone"))
    def recipient_phone_shown(self, order) -> str:
        return order_contact_for(user=None, order=order)[0]

    @admin.display(description=_("street address"))
    def ship_address_shown(self, order) -> str:
        return order_contact_for(user=None, order=order)[1]

    date_hierarchy = "placed_at"
    inlines = [LineInline, PaymentInline, RefundInline, EventInline]


class CheckoutPaymentPartInline(ReadOnlyInline):
    model = Payment
    fk_name = "checkout_payment"
    exclude = ["idempotency_key"]


@admin.register(CheckoutPayment)
class CheckoutPaymentAdmin(ReadOnlyAdmin):
    """One provider payment for a whole checkout, with its part per order (read only: the callback moves it)."""

    list_display = ["reference", "payer", "amount", "status", "created_at", "confirmed_at"]
    list_filter = ["status"]
    list_select_related = ["payer"]
    search_fields = ["reference"]
    exclude = ["idempotency_key"]
    inlines = [CheckoutPaymentPartInline]


@admin.register(Dispute)
class DisputeAdmin(ReadOnlyAdmin):
    list_display = ["order", "status", "opened_at", "decided_at"]
    list_filter = ["status"]
    list_select_related = ["order"]


@admin.register(ShopMonthlySales)
class ShopMonthlySalesAdmin(ReadOnlyAdmin):
    list_display = ["shop", "month", "sales_volume", "order_count"]
    list_select_related = ["shop"]
    date_hierarchy = "month"


@admin.register(AssistedPurchase)
class AssistedPurchaseAdmin(ReadOnlyAdmin):
    list_display = ["description", "villager", "station", "status", "price", "deposit", "requested_at"]
    list_filter = ["status"]
    list_select_related = ["villager", "station"]
    exclude = ["pickup_code"]


@admin.register(CommissionRate)
class CommissionRateAdmin(admin.ModelAdmin):
    list_display = ["rate", "effective_from", "created_by", "created_at"]
    fields = ["rate", "effective_from"]

    def has_change_permission(self, request, obj=None):
        return False  # rates are history: add a new one instead

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        try:
            saved = services.commission_rate_set(admin=request.user, rate=obj.rate, effective_from=obj.effective_from)
        except DomainError as error:
            raise PermissionDenied(error.detail) from error
        obj.pk = saved.pk


@admin.register(ShopLedgerEntry)
class ShopLedgerEntryAdmin(admin.ModelAdmin):
    """Statements; "add" records a payout (through payout_record, never more than the balance)."""

    list_display = ["shop", "kind", "order", "amount", "commission", "created_at"]
    list_filter = ["kind"]
    search_fields = ["shop__name", "order__number"]
    list_select_related = ["shop", "order"]
    fields = ["shop", "amount", "note"]
    autocomplete_fields = []

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        try:
            saved = services.payout_record(admin=request.user, shop_id=obj.shop_id, amount=obj.amount, note=obj.note)
        except DomainError as error:
            messages.error(request, error.detail)
            raise PermissionDenied(error.detail) from error
        obj.pk = saved.pk


@admin.register(ActivityRule)
class ActivityRuleAdmin(ReadOnlyAdmin):
    """Rules are added by certification when a policy needs one (read only here: the delete page would list
    millions of kept rows; drop an unused rule in a shell, `ActivityRule.objects.filter(pk=...).delete()`)."""

    list_display = ["__str__", "ready", "built_upto_village", "created_at"]
