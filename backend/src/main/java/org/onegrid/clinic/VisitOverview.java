package org.onegrid.clinic;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.care.CareService;
import org.onegrid.db.tables.records.ClinicBookingsRecord;
import org.onegrid.db.tables.records.ClinicServicesRecord;
import org.onegrid.grid.GridNode;
import org.onegrid.grid.GridService;

/**
 * Visits of the residents under a node, for the grid leader and the admins above: bookings from a
 * week ago on and home visits and referrals open or changed in the last 30 days. It says that a
 * visit exists, when, where and whether it happened, never why.
 */
@Singleton
public class VisitOverview {

  private final BookingRepository bookings;
  private final ClinicRepository clinics;
  private final ClinicRequestService requests;
  private final AccountService accounts;
  private final GridService grids;
  private final CareService care;
  private final Clock clock;

  VisitOverview(
      BookingRepository bookings,
      ClinicRepository clinics,
      ClinicRequestService requests,
      AccountService accounts,
      GridService grids,
      CareService care,
      Clock clock) {
    this.bookings = bookings;
    this.clinics = clinics;
    this.requests = requests;
    this.accounts = accounts;
    this.grids = grids;
    this.care = care;
    this.clock = clock;
  }

  public List<ClinicViews.VisitRow> under(Account staff, long nodeId, boolean careListOnly) {
    accounts.requireStaff(staff);
    GridNode node = accounts.requireReach(staff, grids.get(nodeId));
    List<ClinicBookingsRecord> booked =
        bookings.findInSubtree(node.path(), clock.instant().minus(Duration.ofDays(7)), 200);
    Map<Long, Account> people =
        accounts.byIds(booked.stream().map(ClinicBookingsRecord::getPatientId).toList());
    Set<Long> onCare = new HashSet<>(care.onList(people.keySet()));
    List<ClinicViews.VisitRow> rows = new ArrayList<>();
    for (ClinicBookingsRecord b : booked) {
      ClinicServicesRecord s = clinics.findService(b.getServiceId()).orElseThrow();
      rows.add(
          new ClinicViews.VisitRow(
              "BOOKING",
              b.getId(),
              s.getKind(),
              s.getName(),
              clinics.findProvider(s.getProviderId()).orElseThrow().getName(),
              b.getPatientId(),
              people.get(b.getPatientId()).displayName(),
              b.getStartsAt(),
              b.getStatus(),
              onCare.contains(b.getPatientId())));
    }
    rows.addAll(requests.visitRowsUnder(node.path(), onCare));
    rows.sort(
        Comparator.comparing(
            ClinicViews.VisitRow::at, Comparator.nullsFirst(Comparator.naturalOrder())));
    return careListOnly ? rows.stream().filter(ClinicViews.VisitRow::onCareList).toList() : rows;
  }
}
