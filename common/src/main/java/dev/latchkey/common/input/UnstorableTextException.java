package dev.latchkey.common.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * A JSON string value or object key that PostgreSQL cannot store ({@link StorableText}). Jackson adds the path of
 * the field as the exception travels out through the records, maps and lists, so ProblemMappers can name it.
 */
public class UnstorableTextException extends JsonMappingException {

    public UnstorableTextException(JsonParser parser) {
        super(parser, StorableText.MESSAGE);
    }
}
