"""The spaCy model is loaded once per process, however a caller names it."""

from frontwire.text.nlp import DEFAULT_MODEL, MODEL_ENV, load_nlp, model_name


def test_default_and_named_model_are_one_instance(monkeypatch):
    monkeypatch.delenv(MODEL_ENV, raising=False)
    # A second copy of the model would cost ~45 MB in every process that mixes the two calls
    # (the Pipeline names the model; evaluations and tests often do not).
    assert model_name() == DEFAULT_MODEL
    assert load_nlp() is load_nlp(DEFAULT_MODEL)


def test_pipeline_shares_the_model_it_resolves(monkeypatch):
    from frontwire.pipeline import Pipeline

    monkeypatch.delenv(MODEL_ENV, raising=False)
    assert Pipeline().nlp is load_nlp()
