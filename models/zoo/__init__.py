"""specq's local model zoo: real, small Llama models trained here from standard-library data.

from models.zoo import build_zoo
paths = build_zoo("tiny")            # cached by content hash; the second call is a lookup
paths.target_l, paths.draft, paths.prompts["math"]
"""

from models.zoo.build import ZooPaths, build_zoo
from models.zoo.presets import PRESETS, ZooPreset

__all__ = ["PRESETS", "ZooPaths", "ZooPreset", "build_zoo"]
