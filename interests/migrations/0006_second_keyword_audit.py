"""A second audit of the seeded lexicon: keywords whose everyday sense is another topic.

Found by tagging the 50,144 labelled shopping reviews (10-fold cross-validation of the tagger)
and listing, per keyword, the reviews it fired on: 打蜡 fired on 49 fruit reviews (waxed
apples) and never on a car, 富士 on Fuji apples, 重装 on reinstalling an operating system, 超薄 /
试用装 / M码 / L码 / 柔软 / 透气 (diaper words) on phones, shampoo trial packs and clothes, 刺激 on
shampoo that stings, 商业 on a hotel's 商业区, 盗版 on pirated books, 出行 on every trip. Such a
word is removed, re-tiered to weak (it then helps only alongside others) or replaced by a longer
form (洗车打蜡, 富士相机, 讲解员, 商业思维); the size codes and 掉毛 move to clothing, where they belong.

Same rules as 0005 (interests.migrations._keyword_edits): only entries still as the seed wrote
them change, and it is reversible. Frozen data, not read from taxonomy.py.
"""

from django.db import migrations

from interests.migrations._keyword_edits import keyword_edits

# slug -> {"remove": {word: seed weight}, "add": {word: weight}, "reweigh": {word: (old, new)}}
INTERESTS = {
    "cameras": {"remove": {"富士": 0.8}, "add": {"富士相机": 0.8, "富士胶片": 0.8}, "reweigh": {}},
    "fridges-washers": {"remove": {}, "add": {}, "reweigh": {"保鲜": (0.6, 0.3)}},
    "fashion": {"remove": {}, "add": {}, "reweigh": {"偏大": (0.6, 0.3), "偏小": (0.6, 0.3)}},
    "hiking": {"remove": {"重装": 1.0}, "add": {}, "reweigh": {}},
    "toys": {"remove": {"盗版": 0.6}, "add": {}, "reweigh": {}},
    "plush": {"remove": {"掉毛": 0.6}, "add": {}, "reweigh": {}},
    "games": {"remove": {}, "add": {}, "reweigh": {"内测": (1.0, 0.6)}},
    "otome-games": {"remove": {}, "add": {}, "reweigh": {"男主": (0.6, 0.3)}},
    "pc-games": {"remove": {}, "add": {}, "reweigh": {"成就": (0.6, 0.3)}},
    "business-books": {"remove": {"商业": 1.0}, "add": {"商业思维": 1.0}, "reweigh": {}},
    "e-readers": {"remove": {}, "add": {}, "reweigh": {"字体": (0.6, 0.3)}},
    "attractions": {"remove": {"讲解": 0.6}, "add": {"讲解员": 0.6}, "reweigh": {}},
    "theme-parks": {"remove": {"项目": 0.6, "刺激": 0.6}, "add": {}, "reweigh": {}},
    "household-supplies": {"remove": {}, "add": {}, "reweigh": {"日用品": (0.6, 0.3)}},
    "diapers": {
        "remove": {"试用装": 1.0, "S码": 1.0, "M码": 1.0, "L码": 1.0, "XL码": 1.0, "超薄": 1.0, "透气": 0.6, "腰围": 0.6,
                   "柔软": 0.6},
        "add": {},
        "reweigh": {},
    },
    "clothing": {"remove": {}, "add": {"S码": 0.6, "M码": 0.6, "L码": 0.6, "XL码": 0.6, "掉毛": 0.3}, "reweigh": {}},
    "pet-supplies": {"remove": {"出行": 0.6}, "add": {}, "reweigh": {}},
    "car-care": {"remove": {"打蜡": 1.0}, "add": {"洗车打蜡": 1.0, "汽车打蜡": 1.0}, "reweigh": {}},
}
SCENARIOS: dict = {}

forward, backward = keyword_edits(INTERESTS, SCENARIOS)


class Migration(migrations.Migration):
    dependencies = [("interests", "0005_unambiguous_keywords")]

    operations = [migrations.RunPython(forward, backward)]
