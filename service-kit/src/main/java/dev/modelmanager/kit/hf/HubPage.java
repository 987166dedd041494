package dev.modelmanager.kit.hf;

import com.fasterxml.jackson.databind.JsonNode;

/** One page of a Hub list: the JSON array and the URL of the next page (null on the last). */
public record HubPage(JsonNode items, String nextUrl) {}
