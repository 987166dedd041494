package dev.modelmanager.discovery.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.discovery.domain.gpu.GpuReport;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON columns of a stored GPU report, written and read the same way by both adapters. */
@ApplicationScoped
public class GpuReportJson {
  private static final TypeReference<List<GpuReport.Gpu>> GPUS = new TypeReference<>() {};
  private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {};

  private final ObjectMapper mapper;

  GpuReportJson(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  String gpus(GpuReport report) {
    return write(report.gpus());
  }

  String labels(GpuReport report) {
    return write(report.labels());
  }

  /** Rebuilds a report from its columns. */
  GpuReport read(String node, String gpus, String labels, Instant reportedAt) {
    try {
      return new GpuReport(
          node, mapper.readValue(gpus, GPUS), mapper.readValue(labels, LABELS), reportedAt);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the stored GPU report of " + node + " is not JSON", e);
    }
  }

  private String write(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a GPU report as JSON", e);
    }
  }
}
