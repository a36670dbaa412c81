package org.onegrid.problem;

import static org.onegrid.db.Tables.PROBLEM_CATEGORIES;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

@Singleton
class CategoryRepository {

  private final DSLContext dsl;

  CategoryRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  List<Category> findActive() {
    return dsl.selectFrom(PROBLEM_CATEGORIES)
        .where(PROBLEM_CATEGORIES.ACTIVE.isTrue())
        .orderBy(PROBLEM_CATEGORIES.SORT_ORDER)
        .fetch(
            r ->
                new Category(
                    r.getCode(),
                    r.getNameZh(),
                    r.getNameEn(),
                    r.getIcon(),
                    r.getAcceptHours(),
                    r.getResolveHours()));
  }

  Optional<Category> findByCode(String code) {
    return findActive().stream().filter(c -> c.code().equals(code)).findFirst();
  }
}
