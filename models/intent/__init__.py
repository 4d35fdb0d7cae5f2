"""Korean intent classification: corpus, training, calibrated classifier, baseline, evaluation.

Import from the submodules (``models.intent.classifier`` etc.); this package keeps its
``__init__`` empty so that importing the corpus reader does not pull in torch.
"""
