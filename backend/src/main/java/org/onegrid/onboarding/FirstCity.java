package org.onegrid.onboarding;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.onegrid.account.Role;
import org.onegrid.account.StaffImports;
import org.onegrid.grid.GridLevel;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;
import org.onegrid.platform.Phones;
import org.onegrid.platform.SecretStore;
import org.onegrid.platform.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real city's first start on an empty database: with {@code onegrid.setup.city-code}, {@code
 * city-name} and {@code admin-phone} set, OneGrid creates the city at the root of the grid tree and
 * its first city admin, who is texted a temporary password (as imported staff are) and imports the
 * rest from files. Nothing happens once the tree has any node, so the settings may stay.
 */
@Singleton
@Requires(property = "onegrid.setup.city-code")
class FirstCity implements ApplicationEventListener<ServerStartupEvent> {

  private static final Logger LOG = LoggerFactory.getLogger(FirstCity.class);

  private final GridService grids;
  private final StaffImports people;
  private final Phones phones;
  private final SecretStore secrets;
  private final Tx tx;
  private final String cityCode;
  private final String cityName;
  private final String adminPhone;
  private final String adminName;

  FirstCity(
      GridService grids,
      StaffImports people,
      Phones phones,
      SecretStore secrets,
      Tx tx,
      @Property(name = "onegrid.setup.city-code") String cityCode,
      @Property(name = "onegrid.setup.city-name") String cityName,
      @Property(name = "onegrid.setup.admin-phone") String adminPhone,
      @Property(name = "onegrid.setup.admin-name", defaultValue = "市管理员") String adminName) {
    this.grids = grids;
    this.people = people;
    this.phones = phones;
    this.secrets = secrets;
    this.tx = tx;
    this.cityCode = cityCode;
    this.cityName = cityName;
    this.adminPhone = adminPhone;
    this.adminName = adminName;
  }

  @Override
  public void onApplicationEvent(ServerStartupEvent event) {
    String phone = phones.toE164(adminPhone, "onegrid.setup.admin-phone");
    if (!GridTreeImporter.CODE.matcher(cityCode).matches()) {
      throw new IllegalStateException("onegrid.setup.city-code must be 1-32 letters or digits");
    }
    tx.run(
        () -> {
          secrets.lockUntilCommit("demo-city-lock");
          if (!grids.isEmpty()) {
            return;
          }
          GridNode city = grids.create(null, GridLevel.CITY, cityCode, cityName, null, null);
          people.invite(phone, adminName, Role.CITY_ADMIN, city.id(), null);
          LOG.info(
              "Created the city {} ({}) and its first admin; a temporary password is being texted to"
                  + " {}",
              cityName,
              cityCode,
              Phones.mask(phone));
        });
  }
}
