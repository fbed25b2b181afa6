package dev.chatmodels.quarkus.deployment;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Singleton;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.Type;

import com.fasterxml.jackson.databind.JavaType;

import dev.chatmodels.quarkus.runtime.tool.ToolBeans;
import dev.chatmodels.quarkus.runtime.tool.ToolsRecorder;
import dev.chatmodels.schema.JsonSchemas;
import dev.chatmodels.tool.ChatTool;
import dev.chatmodels.tool.MethodArguments;
import dev.chatmodels.tool.Tool;
import io.quarkus.arc.deployment.AutoAddScopeBuildItem;
import io.quarkus.arc.deployment.BeanRegistrationPhaseBuildItem;
import io.quarkus.arc.deployment.InvokerFactoryBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.arc.deployment.UnremovableBeanBuildItem;
import io.quarkus.arc.processor.BeanInfo;
import io.quarkus.arc.processor.BuiltinScope;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveHierarchyBuildItem;
import io.quarkus.deployment.recording.RecorderContext;
import io.quarkus.runtime.RuntimeValue;

/**
 * Finds the {@code @Tool} methods of CDI beans at build time and makes them tools: the JSON Schema of each method's
 * arguments is generated here, the method is called through an ArC invoker, and the argument and result types are
 * registered for reflection (Jackson binds them), so a native image needs no run-time scanning. The tools are the
 * {@link ToolBeans} bean, by bean name, which models named in {@code quarkus.chat-models.tools} are bound to.
 */
class ToolsProcessor {

    private static final DotName TOOL = DotName.createSimple(Tool.class);
    private static final DotName OBJECT = DotName.createSimple(Object.class);

    /** A class with {@code @Tool} methods, its own or inherited, and no scope becomes a singleton bean. */
    @BuildStep
    AutoAddScopeBuildItem toolClassesAreBeans() {
        return AutoAddScopeBuildItem.builder()
                .match((type, annotations, index) -> !toolMethods(type, index).isEmpty())
                .defaultScope(BuiltinScope.SINGLETON)
                .reason("Found @Tool methods")
                .build();
    }

    /** Tool beans are looked up by their invokers, never injected: keep them. */
    @BuildStep
    UnremovableBeanBuildItem toolBeansAreKept(CombinedIndexBuildItem index) {
        return new UnremovableBeanBuildItem(bean -> bean.isClassBean() && bean.getTarget().isPresent()
                && !toolMethods(bean.getTarget().get().asClass(), index.getIndex()).isEmpty());
    }

    @BuildStep
    void collectTools(BeanRegistrationPhaseBuildItem registration, InvokerFactoryBuildItem invokers,
            CombinedIndexBuildItem index, BuildProducer<ToolMethodBuildItem> tools,
            BuildProducer<ReflectiveHierarchyBuildItem> reflection) {
        ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
        registration.getContext().beans().classBeans().forEach(bean -> {
            ClassInfo beanClass = bean.getTarget().get().asClass();
            for (MethodInfo method : toolMethods(beanClass, index.getIndex())) {
                String where = method.declaringClass().name() + "." + method.name();
                if (Modifier.isStatic(method.flags()) || Modifier.isPrivate(method.flags())) {
                    throw new IllegalStateException("@Tool method " + where + " must be neither private nor static");
                }
                tools.produce(toolMethod(bean, beanClass, method, method.declaredAnnotation(TOOL), invokers, classLoader));
                for (Type type : types(method)) {
                    reflection.produce(ReflectiveHierarchyBuildItem.builder(type).index(index.getIndex())
                            .source("@Tool " + where).build());
                }
            }
        });
    }

    /**
     * The {@code @Tool} methods of a class and of its superclasses in the index, in declaration order (the order the
     * developer gave the tools), the class's own first. As with {@link ChatTool#fromMethods}, a method a subclass
     * overrides counts once, and a superclass's annotation counts for the override.
     */
    private static List<MethodInfo> toolMethods(ClassInfo type, IndexView index) {
        List<MethodInfo> methods = new ArrayList<>();
        Set<String> signatures = new HashSet<>();
        for (ClassInfo current = type; current != null && !current.name().equals(OBJECT); current = index
                .getClassByName(current.superName())) {
            for (MethodInfo method : current.unsortedMethods()) {
                if (method.hasDeclaredAnnotation(TOOL) && signatures.add(method.name() + method.parameterTypes())) {
                    methods.add(method);
                }
            }
        }
        return methods;
    }

    private static ToolMethodBuildItem toolMethod(BeanInfo bean, ClassInfo beanClass, MethodInfo method,
            AnnotationInstance tool, InvokerFactoryBuildItem invokers, ClassLoader classLoader) {
        // The schema is generated from the loaded class at build time, with the same generator as at run time elsewhere.
        Method reflected = reflect(method, classLoader);
        MethodArguments arguments = MethodArguments.of(reflected);
        String name = stringValue(tool, "name");
        return new ToolMethodBuildItem(beanName(bean, beanClass), name.isEmpty() ? method.name() : name,
                stringValue(tool, "value"), JsonSchemas.ofParameters(reflected).toString(), arguments.names(),
                arguments.types().stream().map(JavaType::toCanonical).toList(),
                invokers.createInvoker(bean, method).withInstanceLookup().build());
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void toolBeans(ToolsRecorder recorder, RecorderContext recorderContext, List<ToolMethodBuildItem> tools,
            BuildProducer<SyntheticBeanBuildItem> beans) {
        Map<String, List<RuntimeValue<ChatTool>>> byBean = new LinkedHashMap<>();
        for (ToolMethodBuildItem tool : tools) {
            byBean.computeIfAbsent(tool.beanName, name -> new ArrayList<>()).add(recorder.tool(tool.toolName,
                    tool.description, tool.schema, tool.parameterNames, tool.parameterTypes,
                    recorderContext.newInstance(tool.invoker.getClassName())));
        }
        beans.produce(SyntheticBeanBuildItem.configure(ToolBeans.class)
                .scope(Singleton.class)
                .unremovable()
                .setRuntimeInit()
                .supplier(recorder.toolBeans(byBean))
                .done());
    }

    /** Checks at start-up that every bean a model's {@code tools} names has {@code @Tool} methods. */
    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void checkToolsConfig(ToolsRecorder recorder, List<ToolMethodBuildItem> tools) {
        LinkedHashSet<String> beanNames = new LinkedHashSet<>();
        tools.forEach(tool -> beanNames.add(tool.beanName));
        recorder.check(beanNames);
    }

    /** The {@code @Named} name, else the simple class name with a lower-case first letter, as CDI's default name. */
    private static String beanName(BeanInfo bean, ClassInfo beanClass) {
        if (bean.getName() != null) {
            return bean.getName();
        }
        String simpleName = beanClass.simpleName();
        return Character.toLowerCase(simpleName.charAt(0)) + simpleName.substring(1);
    }

    private static String stringValue(AnnotationInstance annotation, String name) {
        AnnotationValue value = annotation.value(name);
        return value == null ? "" : value.asString();
    }

    /** The parameter and return types that are not primitive: Jackson binds and writes them. */
    private static List<Type> types(MethodInfo method) {
        List<Type> types = new ArrayList<>(method.parameterTypes());
        types.add(method.returnType());
        return types.stream().filter(type -> type.kind() != Type.Kind.PRIMITIVE && type.kind() != Type.Kind.VOID).toList();
    }

    private static Method reflect(MethodInfo method, ClassLoader classLoader) {
        ClassInfo declaringClass = method.declaringClass();
        try {
            Class<?> type = Class.forName(declaringClass.name().toString(), false, classLoader);
            List<String> parameterTypes = method.parameterTypes().stream().map(t -> t.name().toString()).toList();
            return Arrays.stream(type.getDeclaredMethods())
                    .filter(m -> m.getName().equals(method.name()) && Arrays.stream(m.getParameterTypes())
                            .map(Class::getName).toList().equals(parameterTypes))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("Cannot find @Tool method " + method + " in " + type));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(
                    "Cannot load the class of @Tool method " + declaringClass.name() + "." + method.name(), e);
        }
    }
}
