package org.onegrid.problem;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.onegrid.account.Account;
import org.onegrid.db.tables.records.ProblemPhotosRecord;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.FileStore;
import org.onegrid.platform.RateLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Photos of problems: uploaded one by one, attached to a report, shown to those who may see the
 * problem.
 */
@Singleton
public class PhotoService {

  private static final Logger LOG = LoggerFactory.getLogger(PhotoService.class);

  static final int MAX_PER_PROBLEM = 6;
  static final int DEPARTMENT_PHOTOS_PER_HOUR = 20;

  private final PhotoProcessor processor;
  private final PhotoRepository photos;
  private final FileStore files;
  private final Clock clock;

  private final RateLimiter limiter;
  private final int photosPerHour;

  PhotoService(
      PhotoProcessor processor,
      PhotoRepository photos,
      FileStore files,
      Clock clock,
      RateLimiter limiter,
      @Value("${onegrid.limits.photos-per-hour:120}") int photosPerHour) {
    this.processor = processor;
    this.photos = photos;
    this.files = files;
    this.clock = clock;
    this.limiter = limiter;
    this.photosPerHour = photosPerHour;
  }

  public PhotoRef upload(Account owner, byte[] bytes) {
    limiter.hit("photos:" + owner.id(), photosPerHour, Duration.ofHours(1), "too-many-photos");
    return store(owner.id(), null, bytes);
  }

  /**
   * A photo a department's officer sends through its link, to go with a step of theirs; at most
   * {@link #DEPARTMENT_PHOTOS_PER_HOUR} an hour per link.
   */
  PhotoRef uploadForDepartment(long linkId, byte[] bytes) {
    limiter.hit(
        "department-photos:" + linkId,
        DEPARTMENT_PHOTOS_PER_HOUR,
        Duration.ofHours(1),
        "too-many-photos");
    return store(null, linkId, bytes);
  }

  /** Adds photos sent through the link to its problem; call in the step's transaction. */
  void attachFromDepartment(List<Long> ids, long linkId, long problemId) {
    if (ids.isEmpty()) {
      return;
    }
    if (ids.size() > MAX_PER_PROBLEM) {
      throw ApiException.invalidField("photoIds", "validation.photos-max", MAX_PER_PROBLEM);
    }
    if (photos.attachFromDepartment(ids, linkId, problemId) != ids.stream().distinct().count()) {
      throw ApiException.invalidField("photoIds", "validation.photos-unknown");
    }
  }

  /** Decodes, shrinks and writes a photo and its thumbnail, and records it unattached. */
  private PhotoRef store(@Nullable Long ownerId, @Nullable Long linkId, byte[] bytes) {
    PhotoProcessor.Processed processed = processor.process(bytes);
    String key = UUID.randomUUID().toString().replace("-", "");
    files.write(key + ".jpg", processed.full());
    files.write(key + "-t.jpg", processed.thumb());
    return PhotoRef.of(
        photos.insert(
            ownerId,
            linkId,
            key,
            processed.width(),
            processed.height(),
            processed.full().length,
            clock.instant()));
  }

  /**
   * Attaches photos the owner uploaded to their new problem; call inside the report's transaction.
   */
  void attach(List<Long> ids, Account owner, long problemId) {
    if (ids.isEmpty()) {
      return;
    }
    if (ids.size() > MAX_PER_PROBLEM) {
      throw ApiException.invalidField("photoIds", "validation.photos-max", MAX_PER_PROBLEM);
    }
    if (photos.attach(ids, owner.id(), problemId) != ids.stream().distinct().count()) {
      throw ApiException.invalidField("photoIds", "validation.photos-unknown");
    }
  }

  /**
   * Makes photos the owner uploaded staff photos of a grid (a patrol's): staff who reach the grid
   * may see them, nobody else. Call in the causing transaction.
   */
  public void attachToGrid(List<Long> ids, Account owner, long gridId) {
    if (ids.isEmpty()) {
      return;
    }
    if (ids.size() > MAX_PER_PROBLEM) {
      throw ApiException.invalidField("photoIds", "validation.photos-max", MAX_PER_PROBLEM);
    }
    if (photos.attachToGrid(ids, owner.id(), gridId) != ids.stream().distinct().count()) {
      throw ApiException.invalidField("photoIds", "validation.photos-unknown");
    }
  }

  /** Puts the author's uploaded photo into a thread message; call in the message's transaction. */
  void attachToThread(long photoId, Account author, long problemId, boolean internal) {
    if (!photos.attachToThread(photoId, author.id(), problemId, internal)) {
      throw ApiException.invalidField("photoId", "validation.photos-unknown");
    }
  }

  /**
   * Shares a photo its owner uploaded (an association's cover): anyone signed in may then see it.
   */
  public void share(long photoId, Account owner) {
    if (!photos.share(photoId, owner.id())) {
      throw ApiException.invalidField("photoId", "validation.photos-unknown");
    }
  }

  List<PhotoRef> ofProblem(long problemId) {
    return photos.findIdsByProblem(problemId).stream().map(PhotoRef::of).toList();
  }

  /** The photos of each of these problems, in one query. */
  Map<Long, List<PhotoRef>> ofProblems(Collection<Long> problemIds) {
    Map<Long, List<PhotoRef>> out = new HashMap<>();
    photos
        .findIdsByProblems(problemIds)
        .forEach((problem, ids) -> out.put(problem, ids.stream().map(PhotoRef::of).toList()));
    return out;
  }

  /**
   * The photo's problem, or the owner when it is not attached yet; used to decide who may see it.
   */
  ProblemPhotosRecord find(long id) {
    return photos.findById(id).orElseThrow(ApiException::notFound);
  }

  byte[] bytes(ProblemPhotosRecord photo, boolean thumb) {
    String key = photo.getFileKey() + (thumb ? "-t.jpg" : ".jpg");
    return files
        .read(key)
        .orElseThrow(
            () -> {
              // The database knows the photo but this instance's storage does not have it: most
              // often instances that do not share onegrid.storage.dir.
              LOG.warn(
                  "Photo {} is recorded but its file {} is missing from this instance's storage;"
                      + " every instance must share onegrid.storage.dir",
                  photo.getId(),
                  key);
              return ApiException.notFound();
            });
  }

  /** Where a photo and its thumbnail are served. */
  @Serdeable
  public record PhotoRef(long id, String url, String thumbUrl) {
    public static PhotoRef of(long id) {
      return new PhotoRef(id, "/api/v1/photos/" + id, "/api/v1/photos/" + id + "?size=thumb");
    }
  }
}
