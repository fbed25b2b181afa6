package dev.chatmodels.quarkus.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.ClassType;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Type;

import dev.chatmodels.model.ChatModel;
import dev.chatmodels.profile.ModelProfiles;
import dev.chatmodels.quarkus.runtime.ChatModelFactory;
import dev.chatmodels.quarkus.runtime.ChatModels;
import dev.chatmodels.quarkus.runtime.ChatModelsRecorder;
import dev.chatmodels.quarkus.runtime.ConfigurationCheck;
import dev.chatmodels.quarkus.runtime.ModelName;
import dev.chatmodels.quarkus.runtime.config.ChatModelsConfig;
import dev.chatmodels.quarkus.runtime.resilience.ModelResilience;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.BeanArchiveIndexBuildItem;
import io.quarkus.arc.deployment.BeanDiscoveryFinishedBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.arc.processor.DotNames;
import io.quarkus.arc.processor.InjectionPointInfo;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceBuildItem;

/**
 * Makes configured chat models injectable: {@code @Inject ChatModel} for the default model, one synthetic bean per
 * {@code @ModelName} in use or configured at build time, and the {@link ChatModels} bean for every name and for
 * models made in code. Checks the configuration at build time where it can and again at start-up.
 */
class ChatModelsProcessor {

    private static final String FEATURE = "chat-models";
    private static final DotName CHAT_MODEL = DotName.createSimple(ChatModel.class);
    private static final DotName MODEL_NAME = DotName.createSimple(ModelName.class);

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    /** The model profile catalog is read at run time: a native image must carry it. */
    @BuildStep
    NativeImageResourceBuildItem modelProfileCatalog() {
        return new NativeImageResourceBuildItem(ModelProfiles.RESOURCE);
    }

    @BuildStep
    void beans(BuildProducer<AdditionalBeanBuildItem> beans) {
        beans.produce(AdditionalBeanBuildItem.unremovableOf(ChatModels.class));
        beans.produce(AdditionalBeanBuildItem.builder()
                .addBeanClasses(ChatModelFactory.class, ModelResilience.class, ModelName.class)
                .build());
    }

    /**
     * Checks what the build-time configuration already says about the models, failing the build with the message
     * start-up would give. Missing settings (a model, an API key) are left to start-up: they may come from the run-time
     * environment.
     */
    @BuildStep
    BuildTimeModelsBuildItem checkBuildTimeConfig() {
        List<BuildTimeModels.Model> models = BuildTimeModels.read(ConfigProvider.getConfig());
        List<String> problems = BuildTimeModels.problems(models);
        if (!problems.isEmpty()) {
            throw ConfigurationCheck.failure(problems);
        }
        return new BuildTimeModelsBuildItem(models);
    }

    /**
     * One {@code ChatModel} bean for the default model and one per name that is injected with {@code @ModelName} or
     * configured at build time; each is created on first use, from the run-time configuration.
     */
    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void modelBeans(ChatModelsRecorder recorder, BeanArchiveIndexBuildItem index, BuildTimeModelsBuildItem configured,
            BuildProducer<SyntheticBeanBuildItem> syntheticBeans) {
        Set<String> names = new TreeSet<>();
        for (AnnotationInstance modelName : index.getIndex().getAnnotations(MODEL_NAME)) {
            if (injectsChatModel(modelName.target())) {
                names.add(modelName.value().asString());
            }
        }
        configured.models().stream()
                .map(BuildTimeModels.Model::name)
                .filter(name -> !ChatModelsConfig.DEFAULT_NAME.equals(name))
                .forEach(names::add);

        syntheticBeans.produce(modelBean(recorder, ChatModelsConfig.DEFAULT_NAME).done());
        for (String name : names) {
            syntheticBeans.produce(modelBean(recorder, name)
                    .addQualifier().annotation(MODEL_NAME).addValue("value", name).done()
                    .done());
        }
    }

    private static SyntheticBeanBuildItem.ExtendedBeanConfigurator modelBean(ChatModelsRecorder recorder, String name) {
        return SyntheticBeanBuildItem.configure(ChatModel.class)
                .scope(ApplicationScoped.class)
                .unremovable()
                .setRuntimeInit()
                .addInjectionPoint(ClassType.create(ChatModels.class))
                .createWith(recorder.model(name));
    }

    /** Whether {@code @ModelName} is on a field or parameter of type {@code ChatModel} or {@code Instance<ChatModel>}. */
    private static boolean injectsChatModel(AnnotationTarget target) {
        Type type = switch (target.kind()) {
            case FIELD -> target.asField().type();
            case METHOD_PARAMETER -> target.asMethodParameter().type();
            default -> null;
        };
        if (type != null && type.kind() == Type.Kind.PARAMETERIZED_TYPE && type.name().equals(DotNames.INSTANCE)) {
            type = type.asParameterizedType().arguments().get(0);
        }
        return type != null && type.name().equals(CHAT_MODEL);
    }

    /** Checks at start-up the run-time configuration of every model, and that every injected model is configured. */
    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void checkRuntimeConfig(ChatModelsRecorder recorder, BeanDiscoveryFinishedBuildItem beanDiscovery) {
        Map<String, List<String>> injectedIn = new TreeMap<>();
        for (InjectionPointInfo injectionPoint : beanDiscovery.getInjectionPoints()) {
            if (!injectionPoint.getRequiredType().name().equals(CHAT_MODEL) || injectionPoint.isSynthetic()) {
                continue;
            }
            AnnotationInstance modelName = injectionPoint.getRequiredQualifier(MODEL_NAME);
            String name = modelName != null ? modelName.value().asString()
                    : isDefault(injectionPoint) ? ChatModelsConfig.DEFAULT_NAME : null;
            if (name != null) {
                injectedIn.computeIfAbsent(name, n -> new ArrayList<>()).add(injectionPoint.getTargetInfo());
            }
        }
        recorder.check(injectedIn);
    }

    private static boolean isDefault(InjectionPointInfo injectionPoint) {
        return injectionPoint.getRequiredQualifiers().stream().allMatch(qualifier -> qualifier.name().equals(DotNames.DEFAULT));
    }
}
