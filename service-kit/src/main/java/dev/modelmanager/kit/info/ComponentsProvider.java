package dev.modelmanager.kit.info;

import dev.modelmanager.model.system.SystemInfo;
import io.smallrye.mutiny.Uni;
import java.util.Map;

/** Implemented by a component that reports on others (the gateway) to extend its system info. */
public interface ComponentsProvider {
  Uni<Map<String, SystemInfo.ComponentStatus>> components();
}
