from django.conf import settings
from django.db import models


class UserToken(models.Model):
    """A user's API token. Only the hash is stored; the raw token is shown once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    name = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "用户 API 令牌"
        verbose_name_plural = "用户 API 令牌"

    def __str__(self) -> str:
        label = self.name or f"{self.created_at:%Y-%m-%d}"
        return f"{self.user} · {label}"
