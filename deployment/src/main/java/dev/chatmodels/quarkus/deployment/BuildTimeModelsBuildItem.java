package dev.chatmodels.quarkus.deployment;

import java.util.List;

import io.quarkus.builder.item.SimpleBuildItem;

/** The models named in the build-time configuration, checked. */
final class BuildTimeModelsBuildItem extends SimpleBuildItem {

    private final List<BuildTimeModels.Model> models;

    BuildTimeModelsBuildItem(List<BuildTimeModels.Model> models) {
        this.models = List.copyOf(models);
    }

    List<BuildTimeModels.Model> models() {
        return models;
    }
}
