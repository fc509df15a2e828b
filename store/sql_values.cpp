#include "store/sql_values.hpp"

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace appeald::store::detail {

void bind_text(SQLite::Statement& st, int index, std::string_view text) {
  st.bind(index, std::string(text));
}

void bind_blob(SQLite::Statement& st, int index, std::string_view bytes) {
  // SQLite reads no bytes for a zero size, but wants a non-null pointer for a non-NULL blob.
  static const char empty = 0;
  st.bind(index, bytes.empty() ? &empty : bytes.data(), static_cast<int>(bytes.size()));
}

void bind_optional(SQLite::Statement& st, int index, const std::optional<std::int64_t>& value) {
  if (value) {
    st.bind(index, *value);
  } else {
    st.bind(index);
  }
}

void bind_optional(SQLite::Statement& st, int index, const std::optional<std::string>& value) {
  if (value) {
    st.bind(index, *value);
  } else {
    st.bind(index);
  }
}

std::string column_bytes(const SQLite::Column& column) {
  if (column.isNull()) {
    return {};
  }
  const void* data = column.getBlob();
  const int size = column.getBytes();
  if (data == nullptr || size <= 0) {
    return {};
  }
  return std::string(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

std::optional<std::int64_t> column_optional_int64(const SQLite::Column& column) {
  if (column.isNull()) {
    return std::nullopt;
  }
  return column.getInt64();
}

std::optional<std::string> column_optional_text(const SQLite::Column& column) {
  if (column.isNull()) {
    return std::nullopt;
  }
  return column_bytes(column);
}

std::string encode_string_list(const std::vector<std::string>& items) {
  // Replace, not throw: a stray invalid byte must not abort the step that stores the list.
  return nlohmann::json(items).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<std::string> decode_string_list(std::string_view json, std::string_view what) {
  const auto parsed = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  std::vector<std::string> items;
  if (!parsed.is_array()) {
    throw std::runtime_error("corrupt " + std::string(what) + " in the store: not a JSON array");
  }
  for (const auto& item : parsed) {
    if (!item.is_string()) {
      throw std::runtime_error("corrupt " + std::string(what) +
                               " in the store: not a list of strings");
    }
    items.push_back(item.get<std::string>());
  }
  return items;
}

} // namespace appeald::store::detail
