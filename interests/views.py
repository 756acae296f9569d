"""Pages: sign-up with interest onboarding, and "my interests" (every tag held about me, with
its reason, and my controls). Thin: forms in, one service call, redirect with a message."""

from typing import Any

from django.contrib import messages
from django.contrib.auth import authenticate, login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.contrib.auth.views import LoginView, redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from guide.lockout import client_address, locked_message, login_locked
from interests.models import Interest
from interests.profiles import profile_for
from interests.shopper import (
    held_interests,
    interest_delete,
    interest_follow,
    interest_mute,
    onboarding_complete,
    personalization_set,
    shopper_erase,
)
from interests.values import values_for_shopper

MAX_ONBOARDING_CHOICES = 20


class SignInForm(AuthenticationForm):
    """Django's sign-in form; a locked account or address is told so before any password check."""

    locked = False

    def clean(self):
        username = self.cleaned_data.get("username")
        if username and login_locked(username=username, address=client_address(self.request)):
            self.locked = True
            raise ValidationError(locked_message(), code="locked_out")
        return super().clean()


class SignInView(LoginView):
    """/accounts/login/: 429 while locked (guide.lockout), the usual page otherwise."""

    form_class = SignInForm

    def form_invalid(self, form: SignInForm) -> HttpResponse:
        response = super().form_invalid(form)
        if form.locked:
            response.status_code = 429
        return response


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    form = UserCreationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, authenticate(request, username=user.username, password=form.cleaned_data["password1"]))
        messages.success(request, "注册成功！选几个你感兴趣的方向，首页会更懂你。")
        return redirect("onboarding")
    return render(request, "registration/signup.html", {"form": form})


@login_required
def onboarding(request: HttpRequest) -> HttpResponse:
    top_levels = Interest.objects.filter(parent__isnull=True, is_active=True).prefetch_related("children")
    if request.method == "POST":
        slugs = request.POST.getlist("interests")[:MAX_ONBOARDING_CHOICES]
        chosen = list(Interest.objects.filter(slug__in=slugs, is_active=True))
        if not chosen:
            messages.error(request, "请至少选择一个兴趣，或点「跳过」。")
            return render(request, "interests/onboarding.html", {"top_levels": top_levels}, status=400)
        onboarding_complete(user=request.user, interests=chosen)
        messages.success(request, f"已关注 {len(chosen)} 个兴趣，随时可以在「我的兴趣」里修改。")
        return redirect("home")
    return render(request, "interests/onboarding.html", {"top_levels": top_levels})


@login_required
def my_interests(request: HttpRequest, status: int = 200) -> HttpResponse:
    held = held_interests(user=request.user)
    context = {
        "followed": [h for h in held if h.state == "followed"],
        "inferred": [h for h in held if h.state == "auto"],
        "muted": [h for h in held if h.state == "muted"],
        "personalization": profile_for(request.user).personalization_enabled,
        "values": values_for_shopper(user=request.user),
    }
    return render(request, "interests/my_interests.html", context, status=status)


INTEREST_ACTIONS: dict[str, tuple[Any, str]] = {"delete": (interest_delete, "已删除"), "follow": (interest_follow, "已关注"),
                    "mute": (interest_mute, "已屏蔽")}


@require_POST
def my_interest_action(request: HttpRequest, slug: str, action: str) -> HttpResponse:
    """Delete, follow or mute an interest, from "my interests" or from its circle page (`next`,
    same site only); a visitor is sent to sign in and back to the page they were on."""
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = reverse("my-interests-page")
    if not request.user.is_authenticated:
        return redirect_to_login(back)
    interest = get_object_or_404(Interest, slug=slug)
    service, verb = INTEREST_ACTIONS[action]
    service(user=request.user, interest=interest)
    messages.success(request, f"{verb}「{interest.name}」。可以在「我的兴趣」里随时修改。")
    return redirect(back)


PERSONALIZATION_CHOICES = {"1": True, "0": False}


@login_required
@require_POST
def my_personalization(request: HttpRequest) -> HttpResponse:
    """The switch's form sends enabled=1 or enabled=0; anything else changes nothing (400)."""
    enabled = PERSONALIZATION_CHOICES.get(request.POST.get("enabled", ""))
    if enabled is None:
        messages.error(request, "个性化设置没有改变：enabled 应为 1（开启）或 0（关闭）。")
        return my_interests(request, status=400)
    personalization_set(user=request.user, enabled=enabled)
    messages.success(request, "已开启个性化推荐。" if enabled
                     else "已关闭个性化推荐：首页只按内容质量和热度排序，不再使用你的兴趣画像。")
    return redirect("my-interests-page")


@login_required
def delete_account(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        if not request.user.check_password(request.POST.get("password", "")):
            messages.error(request, "密码不正确，账号没有删除。")
            return render(request, "interests/delete_account.html", status=400)
        shopper_erase(user=request.user)
        messages.success(request, "你的账号和全部行为数据已删除。")
        return redirect("home")
    return render(request, "interests/delete_account.html")
