"""The spaCy model is named by configuration, and a Pipeline can share a model already loaded
(one copy per process where an evaluation and a Pipeline both need it)."""

from frontwire.text.nlp import DEFAULT_MODEL, MODEL_ENV, model_name


def test_model_name_defaults_and_follows_the_environment(monkeypatch):
    monkeypatch.delenv(MODEL_ENV, raising=False)
    assert model_name() == DEFAULT_MODEL
    monkeypatch.setenv(MODEL_ENV, "en_core_web_md")
    assert model_name() == "en_core_web_md"
    assert model_name("xx_custom") == "xx_custom"  # an explicit name wins over the environment


def test_pipeline_uses_the_model_it_is_given(nlp):
    from frontwire.pipeline import Pipeline

    assert Pipeline(nlp=nlp).nlp is nlp
