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

  private static Department toDepartment(DepartmentsRecord r) {
    return new Department(r.getId(), r.getCode(), r.getNameZh(), r.getNameEn(), r.getPhone());
  }
}
