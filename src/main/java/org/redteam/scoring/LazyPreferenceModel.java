package org.redteam.scoring;

import org.redteam.config.PreferenceModelSpec;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A preference model loaded on first use and kept: the default model takes seconds to load, so
 * {@code serve} and the tests start without it. A failed load is not remembered; the next use tries
 * again (a model file may appear, a remote key may be set). Thread-safe.
 */
public final class LazyPreferenceModel implements Supplier<PreferenceModel> {
    private final String description;
    private final Supplier<PreferenceModel> loader;
    private volatile PreferenceModel model;

    private LazyPreferenceModel(String description, Supplier<PreferenceModel> loader) {
        this.description = description;
        this.loader = loader;
    }

    /** The model of {@code spec}, loaded by {@link PreferenceModels} when first needed. */
    public static LazyPreferenceModel of(PreferenceModelSpec spec) {
        return new LazyPreferenceModel(spec.describe(), () -> PreferenceModels.load(spec));
    }

    /** A model that {@code loader} loads when first needed. */
    static LazyPreferenceModel of(String description, Supplier<PreferenceModel> loader) {
        return new LazyPreferenceModel(description, loader);
    }

    /** A model that is already loaded (a fake in tests, the model of {@code score --model}). */
    public static LazyPreferenceModel loaded(PreferenceModel model) {
        Objects.requireNonNull(model, "model");
        LazyPreferenceModel lazy = new LazyPreferenceModel(model.name(), () -> model);
        lazy.model = model;
        return lazy;
    }

    /** The model, loading it if needed; throws what loading throws. */
    @Override
    public PreferenceModel get() {
        PreferenceModel m = model;
        if (m == null) {
            synchronized (this) {
                m = model;
                if (m == null) {
                    m = Objects.requireNonNull(loader.get(), "the loader returned no model");
                    model = m;
                }
            }
        }
        return m;
    }

    /** The loaded model's name, or what the spec says before loading (for log lines). */
    public String description() {
        PreferenceModel m = model;
        return m == null ? description : m.name();
    }
}
