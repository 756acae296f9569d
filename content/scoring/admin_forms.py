"""The ScoringProfile admin form: one number per dimension instead of raw JSON."""

from django import forms

from content.models import ScoringProfile
from content.scoring.dimensions import DIMENSIONS


class ScoringProfileForm(forms.ModelForm):
    class Meta:
        model = ScoringProfile
        fields = ["name", "note", "approve_min_worth", "approve_min_reliability", "approve_min_objectivity",
                  "reject_max_relevance", "reject_max_objectivity"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        weights = self.instance.weights or {}
        for key, label in DIMENSIONS.items():
            self.fields[f"weight_{key}"] = forms.FloatField(
                label=f"权重：{label}", min_value=0, max_value=10, initial=weights.get(key, 1.0)
            )

    def clean(self):
        cleaned = super().clean()
        weights = {key: cleaned.get(f"weight_{key}") for key in DIMENSIONS}
        if all(value in (None, 0) for value in weights.values()):
            raise forms.ValidationError("至少要有一个维度的权重大于 0。")
        cleaned["weights"] = weights
        return cleaned
