package dev.offlinefirst.server.deploy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.kustomize.v1beta1.Kustomization;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code deploy/k8s} parsed into typed Kubernetes objects (unknown fields refused) and checked against
 * the application: probes and metrics on paths it serves, the variables it reads, its name, version and
 * port, a Secret that holds no real secret, and the hardening a native pod should have.
 */
@QuarkusTest
class KubernetesManifestsTest {

    private static final Path BASE = Path.of("deploy/k8s");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private static Kustomization kustomization;
    private static Deployment deployment;
    private static ConfigMap configMap;
    private static Secret secret;
    private static Service service;
    private static HorizontalPodAutoscaler autoscaler;
    private static PodDisruptionBudget disruptionBudget;

    @BeforeAll
    static void parseEveryManifest() throws IOException {
        kustomization = read("kustomization.yaml", Kustomization.class);
        Set<String> listed = new HashSet<>(kustomization.getResources());
        try (var files = Files.list(BASE)) {
            Set<String> present = new HashSet<>(files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml")).toList());
            assertEquals(present, listed, "every manifest is in the kustomization and every resource exists");
        }
        deployment = read("deployment.yaml", Deployment.class);
        configMap = read("configmap.yaml", ConfigMap.class);
        secret = read("secret.yaml", Secret.class);
        service = read("service.yaml", Service.class);
        autoscaler = read("hpa.yaml", HorizontalPodAutoscaler.class);
        disruptionBudget = read("pdb.yaml", PodDisruptionBudget.class);
    }

    @Test
    void probesAndMetricsPointAtPathsTheAppServes() {
        Container server = server();
        List<HTTPGetAction> probes = List.of(server.getStartupProbe().getHttpGet(),
                server.getLivenessProbe().getHttpGet(), server.getReadinessProbe().getHttpGet());
        for (HTTPGetAction probe : probes) {
            assertEquals("http", probe.getPort().getStrVal());
            given().get(probe.getPath()).then().statusCode(200);
        }
        assertEquals(Set.of("/q/health/started", "/q/health/live", "/q/health/ready"),
                Set.copyOf(probes.stream().map(HTTPGetAction::getPath).toList()));
        Map<String, String> annotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();
        assertEquals("true", annotations.get("prometheus.io/scrape"));
        given().get(annotations.get("prometheus.io/path")).then().statusCode(200);
        assertEquals(port(), Integer.valueOf(annotations.get("prometheus.io/port")));
    }

    @Test
    void imageNameVersionAndPortAreTheApplications() {
        var config = ConfigProvider.getConfig();
        String name = config.getValue("quarkus.application.name", String.class);
        assertEquals(name, server().getImage());
        assertEquals(name, kustomization.getImages().get(0).getName());
        assertEquals(config.getValue("quarkus.application.version", String.class), kustomization.getImages().get(0).getNewTag());
        assertEquals(port(), server().getPorts().get(0).getContainerPort());
        assertEquals("http", server().getPorts().get(0).getName());
    }

    @Test
    void everyVariableTheDeploymentSetsIsOneTheAppReadsAndTheEssentialsAreSet() throws IOException {
        Set<String> read = variablesTheAppReads();
        Set<String> set = new HashSet<>(configMap.getData().keySet());
        server().getEnv().stream().map(EnvVar::getName).forEach(set::add);
        Set<String> unknown = new HashSet<>(set);
        unknown.removeAll(read);
        assertEquals(Set.of(), unknown, "variables the app does not read");
        assertTrue(set.containsAll(Set.of("DB_HOST", "DB_PORT", "DB_NAME", "DB_USERNAME", "DB_PASSWORD",
                "JWT_PUBLIC_KEY_LOCATION", "JWT_ISSUER")), "essential variables");
        assertEquals(configMap.getMetadata().getName(), server().getEnvFrom().get(0).getConfigMapRef().getName());
        for (EnvVar variable : server().getEnv()) {
            var reference = variable.getValueFrom().getSecretKeyRef();
            assertEquals(secret.getMetadata().getName(), reference.getName());
            assertTrue(secret.getStringData().containsKey(reference.getKey()), reference.getKey());
        }
    }

    @Test
    void theJwtKeyComesFromTheSecretWhereTheAppLooksForIt() {
        VolumeMount mount = server().getVolumeMounts().stream().filter(m -> m.getName().equals("jwt")).findFirst().orElseThrow();
        var volume = pod().getSpec().getVolumes().stream().filter(v -> v.getName().equals("jwt")).findFirst().orElseThrow();
        assertEquals(secret.getMetadata().getName(), volume.getSecret().getSecretName());
        String file = volume.getSecret().getItems().get(0).getPath();
        assertTrue(secret.getStringData().containsKey(volume.getSecret().getItems().get(0).getKey()));
        assertEquals(mount.getMountPath() + "/" + file, configMap.getData().get("JWT_PUBLIC_KEY_LOCATION"));
        assertTrue(mount.getReadOnly());
    }

    @Test
    void theSecretIsATemplateWithoutRealSecrets() {
        assertFalse(secret.getStringData().isEmpty());
        assertTrue(secret.getData() == null || secret.getData().isEmpty(), "no base64 data that could hide a value");
        secret.getStringData().forEach((key, value) -> {
            assertTrue(value.startsWith("REPLACE_ME"), key + " holds a value");
            assertFalse(value.contains("PRIVATE KEY") || value.contains("BEGIN"), key);
        });
    }

    @Test
    void thePodRunsSeveralNonRootReadOnlyReplicasWithBoundedResources() {
        assertTrue(deployment.getSpec().getReplicas() >= 2);
        assertTrue(autoscaler.getSpec().getMinReplicas() >= 2);
        assertEquals(deployment.getMetadata().getName(), autoscaler.getSpec().getScaleTargetRef().getName());
        assertEquals("Deployment", autoscaler.getSpec().getScaleTargetRef().getKind());
        assertEquals(1, disruptionBudget.getSpec().getMinAvailable().getIntVal());

        Map<String, String> podLabels = pod().getMetadata().getLabels();
        assertTrue(podLabels.entrySet().containsAll(deployment.getSpec().getSelector().getMatchLabels().entrySet()));
        assertTrue(podLabels.entrySet().containsAll(disruptionBudget.getSpec().getSelector().getMatchLabels().entrySet()));
        assertTrue(podLabels.entrySet().containsAll(service.getSpec().getSelector().entrySet()));
        assertEquals("http", service.getSpec().getPorts().get(0).getTargetPort().getStrVal());

        assertTrue(pod().getSpec().getSecurityContext().getRunAsNonRoot());
        var container = server().getSecurityContext();
        assertTrue(container.getReadOnlyRootFilesystem());
        assertFalse(container.getAllowPrivilegeEscalation());
        assertEquals(List.of("ALL"), container.getCapabilities().getDrop());
        var resources = server().getResources();
        assertTrue(resources.getRequests().containsKey("cpu") && resources.getRequests().containsKey("memory"));
        assertTrue(resources.getLimits().containsKey("cpu") && resources.getLimits().containsKey("memory"));
    }

    private static Container server() {
        return pod().getSpec().getContainers().get(0);
    }

    private static PodTemplateSpec pod() {
        return deployment.getSpec().getTemplate();
    }

    /** The production port, as application.properties sets it (the test profile listens elsewhere). */
    private static Integer port() {
        try {
            Matcher matcher = Pattern.compile("(?m)^quarkus\\.http\\.port=(\\d+)$")
                    .matcher(Files.readString(Path.of("src/main/resources/application.properties")));
            assertTrue(matcher.find(), "application.properties sets quarkus.http.port");
            return Integer.valueOf(matcher.group(1));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The environment variables application.properties refers to as ${NAME...}. */
    private static Set<String> variablesTheAppReads() throws IOException {
        String properties = Files.readString(Path.of("src/main/resources/application.properties"));
        Matcher matcher = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)").matcher(properties);
        Set<String> names = new HashSet<>();
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static <T> T read(String file, Class<T> type) throws IOException {
        T object = YAML.readValue(BASE.resolve(file).toFile(), type);
        List<String> unknown = new ArrayList<>();
        collectUnknownFields(object, type.getSimpleName(), unknown);
        assertEquals(List.of(), unknown, file + " has fields its kind does not define");
        return object;
    }

    /** Fabric8 keeps fields it does not know in additionalProperties; any there is a typo or a wrong field. */
    private static void collectUnknownFields(Object node, String path, List<String> unknown) {
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                collectUnknownFields(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> collectUnknownFields(value, path + "." + key, unknown));
            return;
        }
        if (node == null || !node.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
            } else {
                collectUnknownFields(value, path + "." + getter.getName().substring(3), unknown);
            }
        }
    }
}
