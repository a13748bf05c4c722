import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// The methods each path of the router answers, so that an unknown path is a 404 and a known path asked with
/// another method a 405 naming the allowed ones. Filled once the routes are registered (`buildRouter`).
final class RouteTable: Sendable {
    private struct Route {
        var segments: [Substring]
        var methods: [HTTPRequest.Method]
    }

    private let routes = Mutex<[Route]>([])

    func load(_ descriptions: [Router<APIRequestContext>.RouteDescription]) {
        var table: [Route] = []
        for description in descriptions {
            let segments = description.path.description.split(separator: "/")
            if let index = table.firstIndex(where: { $0.segments == segments }) {
                table[index].methods.append(description.method)
            } else {
                table.append(Route(segments: segments, methods: [description.method]))
            }
        }
        routes.withLock { $0 = table }
    }

    /// The methods the router answers on `path` (empty when no route matches it), HEAD with GET; `{…}` segments match
    /// anything.
    func methods(for path: String) -> [HTTPRequest.Method] {
        let segments = path.split(separator: "/")
        let methods = routes.withLock { routes in
            routes.filter { route in
                route.segments.count == segments.count
                    && zip(route.segments, segments).allSatisfy { template, segment in template.first == "{" || template == segment }
            }.flatMap(\.methods)
        }
        let all = methods.contains(.get) ? methods + [.head] : methods  // the router answers HEAD wherever GET
        return all.enumerated().filter { index, method in !all[..<index].contains(method) }.map(\.element)
    }
}
