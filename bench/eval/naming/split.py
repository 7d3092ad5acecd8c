"""Give each naming item its split: half tune, half report, by a fixed seed per set. Run once after writing."""
import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
for name, seed in (("a", 131), ("b", 132), ("c", 133)):
    path = HERE / name / "requests.json"
    items = json.loads(path.read_text())
    report = set(random.Random(seed).sample(range(len(items)), len(items) // 2))
    for i, item in enumerate(items):
        item["split"] = "report" if i in report else "tune"
    path.write_text(json.dumps(items, indent=1, ensure_ascii=False) + "\n")
