package org.onegrid.map;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The base map under OneGrid's own layers ({@code onegrid.map.*}): an XYZ tile URL (a WMTS
 * service's KVP URL with {z}/{x}/{y} in it works too), its attribution, the datum its tiles are
 * drawn in, and the zoom it stops at. With no URL, maps draw grids, buildings and points on a plain
 * background: nothing is fetched from outside. Points are stored in WGS-84 as phones report them;
 * the browser shifts them to the tiles' datum for display (GCJ-02 for most mainland commercial
 * providers; WGS-84 and CGCS2000, which differ by centimetres, for Tianditu and OpenStreetMap).
 */
@ConfigurationProperties("onegrid.map")
public class MapConfig {

  /** The datum a tile provider draws in. */
  @Serdeable
  public enum Datum {
    WGS84,
    CGCS2000,
    GCJ02
  }

  /** e.g. {@code https://t{s}.tianditu.gov.cn/DataServer?T=vec_w&x={x}&y={y}&l={z}&tk={key}}. */
  @Nullable private String tileUrl;

  /** Replaces {@code {key}} in the URL: the provider's browser key. */
  @Nullable private String tileKey;

  /** Letters or digits for {@code {s}} (several hosts of one provider), e.g. {@code 01234567}. */
  private String subdomains = "abc";

  /** Shown in the map's corner, as the provider's terms require. */
  private String attribution = "";

  private Datum datum = Datum.WGS84;

  private int maxZoom = 18;

  @Nullable
  public String getTileUrl() {
    return tileUrl;
  }

  public void setTileUrl(@Nullable String tileUrl) {
    this.tileUrl = tileUrl == null || tileUrl.isBlank() ? null : tileUrl.trim();
  }

  @Nullable
  public String getTileKey() {
    return tileKey;
  }

  public void setTileKey(@Nullable String tileKey) {
    this.tileKey = tileKey;
  }

  public String getSubdomains() {
    return subdomains;
  }

  public void setSubdomains(String subdomains) {
    this.subdomains = subdomains;
  }

  public String getAttribution() {
    return attribution;
  }

  public void setAttribution(String attribution) {
    this.attribution = attribution;
  }

  public Datum getDatum() {
    return datum;
  }

  public void setDatum(Datum datum) {
    this.datum = datum;
  }

  public int getMaxZoom() {
    return maxZoom;
  }

  public void setMaxZoom(int maxZoom) {
    this.maxZoom = maxZoom;
  }

  /** The tile URL with the key filled in, or null for the plain background. */
  @Nullable
  String tileTemplate() {
    if (tileUrl == null) {
      return null;
    }
    return tileKey == null ? tileUrl : tileUrl.replace("{key}", tileKey);
  }
}
