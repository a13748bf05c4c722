import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Building JSON answers and reading JSON bodies, the same way for every endpoint.
enum JSONResponse {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static let decoder = JSONDecoder()

    /// A JSON answer with `status`.
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        make(encoded: encode(value), status: status, headers: headers)
    }

    static func encode(_ value: some Encodable) -> Data {
        (try? encoder.encode(value)) ?? Data(#"{"error":{"code":"internal","message":"cannot encode the answer"}}"#.utf8)
    }

    /// An answer whose JSON is already encoded.
    static func make(encoded data: Data, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        fields[.contentLength] = String(data.count)
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Reads a JSON object body of at most `APIRequestContext.maxBodySize` bytes; an empty body reads as `{}`.
    ///
    /// A body sent as anything but JSON is a 415 (no `Content-Type` at all is read as JSON). A declared or actual size
    /// over the limit is a 413, bad JSON a 400 (`StrictJSON`: duplicate keys, leading
    /// zeros, numbers beyond a double included), a field of the wrong type a 422.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, context: APIRequestContext) async throws -> T {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > context.maxUploadSize {
            throw APIError.tooLarge
        }
        let buffer = try await body(of: request, upTo: context.maxUploadSize)
        if buffer.readableBytes > 0, let type = request.headers[.contentType], !isJSON(type) {
            throw APIError(
                .unsupportedMediaType, code: "unsupported_media_type",
                message: "the body must be JSON: send Content-Type: application/json (got '\(type.prefix(80))')")
        }
        let data = buffer.readableBytes == 0 ? Data("{}".utf8) : Data(buffer.readableBytesView)
        do {
            try StrictJSON.check(data)
        } catch {
            throw APIError.malformed("the body is not valid JSON: \(error.message)")
        }
        do {
            return try decoder.decode(T.self, from: data)
        } catch let error as DecodingError {
            throw APIError.decoding(error)
        }
    }

    /// Whether a `Content-Type` value is JSON: `application/json` or `application/…+json`, with any parameters.
    static func isJSON(_ contentType: String) -> Bool {
        let type = contentType.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        return type == "application/json" || (type.hasPrefix("application/") && type.hasSuffix("+json"))
    }

    /// The whole body of `request`, at most `limit` bytes (else a 413). A body that cannot be read — malformed
    /// chunks, fewer bytes than its `Content-Length` before the client stops sending, a dropped connection — is the
    /// client's fault: a 400, never a 500 (when the client is gone, nobody reads the answer and the connection closes).
    static func body(of request: Request, upTo limit: Int) async throws(APIError) -> ByteBuffer {
        do {
            return try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw .tooLarge
        } catch {
            throw .malformed("the request body could not be read (malformed, or shorter than its Content-Length)")
        }
    }
}
