package dev.modelmanager.discovery.service;

import dev.modelmanager.discovery.domain.fit.GpuOffer;
import java.util.List;

/** Which GPUs a recommendation considers. */
public sealed interface GpuSelection {

  /** Every pool of the inventory. */
  record AllPools() implements GpuSelection {}

  /** One pool of the inventory, by name. */
  record Pool(String name) implements GpuSelection {}

  /** GPUs the caller describes. */
  record Offers(List<GpuOffer> offers) implements GpuSelection {
    public Offers {
      offers = List.copyOf(offers);
    }
  }
}
