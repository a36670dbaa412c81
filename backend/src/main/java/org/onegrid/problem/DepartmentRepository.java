package org.onegrid.problem;

import static org.onegrid.db.Tables.DEPARTMENTS;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.onegrid.db.tables.records.DepartmentsRecord;

/** The departments problems can be handed to. */
@Singleton
class DepartmentRepository {

  private final DSLContext dsl;

  DepartmentRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  List<Department> findActive() {
    return dsl.selectFrom(DEPARTMENTS)
        .where(DEPARTMENTS.ACTIVE.isTrue())
        .orderBy(DEPARTMENTS.SORT_ORDER)
        .fetch(DepartmentRepository::toDepartment);
  }

  Optional<Department> findById(long id) {
    return dsl.selectFrom(DEPARTMENTS)
        .where(DEPARTMENTS.ID.eq(id))
        .fetchOptional(DepartmentRepository::toDepartment);
  }

  /** Sets a department's duty phone (E.164), as an operator or the demo city does. */
  void setPhone(String code, String phone) {
    dsl.update(DEPARTMENTS)
        .set(DEPARTMENTS.PHONE, phone)
        .where(DEPARTMENTS.CODE.eq(code))
        .execute();
  }

  List<DepartmentsRecord> findAllRecords() {
    return dsl.selectFrom(DEPARTMENTS).orderBy(DEPARTMENTS.SORT_ORDER, DEPARTMENTS.ID).fetch();
  }

  /** Adds or changes a department by its code. */
  void upsert(
      String code, String nameZh, String nameEn, String phone, boolean active, int sortOrder) {
    dsl.insertInto(DEPARTMENTS)
        .set(DEPARTMENTS.CODE, code)
        .set(DEPARTMENTS.NAME_ZH, nameZh)
        .set(DEPARTMENTS.NAME_EN, nameEn)
        .set(DEPARTMENTS.PHONE, phone)
        .set(DEPARTMENTS.ACTIVE, active)
        .set(DEPARTMENTS.SORT_ORDER, sortOrder)
        .onDuplicateKeyUpdate()
        .set(DEPARTMENTS.NAME_ZH, nameZh)
        .set(DEPARTMENTS.NAME_EN, nameEn)
        .set(DEPARTMENTS.PHONE, phone)
        .set(DEPARTMENTS.ACTIVE, active)
        .set(DEPARTMENTS.SORT_ORDER, sortOrder)
        .execute();
  }

  private static Department toDepartment(DepartmentsRecord r) {
    return new Department(r.getId(), r.getCode(), r.getNameZh(), r.getNameEn(), r.getPhone());
  }
}
