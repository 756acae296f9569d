"""The strong sentiment baseline train_models prints beside ours (issue 19, item 5): untuned char
1-3 TF-IDF + logistic regression at C = 4, on the same reviews, on each of our evaluations."""

from content.scoring import training

PRAISE = ["质量很好，物流很快", "非常满意，下次还来", "做工精细，值得购买", "服务热情，环境干净"]
COMPLAINTS = ["质量太差，一用就坏", "物流太慢，非常失望", "客服态度恶劣，退货难", "房间很脏，隔音很差"]


def examples(group: str, n: int) -> list[training.Example]:
    return [training.Example(f"{group}：{text}{'！' * k}", label, group)
            for k in range(n) for label, texts in ((1, PRAISE), (0, COMPLAINTS)) for text in texts]


def test_the_strong_baseline_is_measured_on_every_evaluation_of_ours():
    clothes, hotels = examples("衣服", 6), examples(training.HELD_OUT_DOMAIN, 3)
    reviews = clothes + hotels
    train, test = training.seeded_split(reviews, seed=7)
    report = training.strong_baseline_quality(reviews, train, test)
    assert set(report) == {"held_out", "food_delivery", "leave_hotels_out"}
    assert report["held_out"]["n"] == len(test) and report["held_out"]["auc"] > 0.9
    assert report["leave_hotels_out"]["n"] == len(training.dedupe(hotels))
    assert report["food_delivery"]["n"] == len(training.load_labelled_jsonl(training.FOOD_DELIVERY_EVAL))
    assert training.STRONG_BASELINE_C == 4.0
