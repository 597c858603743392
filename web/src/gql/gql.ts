/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      ...SessionUser\n    }\n  }\n": typeof types.UpdateProfileDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n": typeof types.ChangePasswordDocument,
    "\n  mutation SignIn($input: LoginInput!) {\n    login(input: $input) {\n      accessToken\n      refreshToken\n      expiresIn\n      user {\n        ...SessionUser\n      }\n    }\n  }\n": typeof types.SignInDocument,
    "\n  mutation SignUp($input: RegisterInput!) {\n    register(input: $input) {\n      accessToken\n      refreshToken\n      expiresIn\n      user {\n        ...SessionUser\n      }\n    }\n  }\n": typeof types.SignUpDocument,
    "\n  query BookPage($id: ID!) {\n    book(id: $id) {\n      id\n      title\n      description\n      isbn\n      publishedYear\n      pageCount\n      coverUrl\n      authors {\n        id\n        name\n      }\n      categories {\n        id\n        name\n      }\n      ...BuyBox_book\n      ...LibraryBox_book\n      ...SummaryBox_book\n      ...RatingDistribution_book\n      reviews(first: 5) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            ...ReviewItem_review\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.BookPageDocument,
    "\n  query MoreReviews($id: ID!, $after: String) {\n    book(id: $id) {\n      id\n      reviews(first: 10, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            ...ReviewItem_review\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.MoreReviewsDocument,
    "\n  fragment BuyBox_book on Book {\n    id\n    title\n    stock\n    price {\n      amount\n      currency\n    }\n  }\n": typeof types.BuyBox_BookFragmentDoc,
    "\n  fragment LibraryBox_book on Book {\n    id\n    title\n    availability {\n      totalCopies\n      availableCopies\n      available\n      nextDueAt\n    }\n  }\n": typeof types.LibraryBox_BookFragmentDoc,
    "\n  mutation BorrowBook($bookId: ID!) {\n    borrowBook(bookId: $bookId) {\n      id\n      status\n      dueAt\n      book {\n        id\n        ...LibraryBox_book\n      }\n    }\n  }\n": typeof types.BorrowBookDocument,
    "\n  fragment RatingDistribution_book on Book {\n    rating {\n      average\n      count\n      distribution\n    }\n  }\n": typeof types.RatingDistribution_BookFragmentDoc,
    "\n  mutation AddReview($input: AddReviewInput!) {\n    addReview(input: $input) {\n      id\n      ...ReviewItem_review\n    }\n  }\n": typeof types.AddReviewDocument,
    "\n  fragment ReviewItem_review on Review {\n    id\n    rating\n    title\n    body\n    verifiedPurchase\n    createdAt\n    author {\n      id\n      username\n    }\n  }\n": typeof types.ReviewItem_ReviewFragmentDoc,
    "\n  fragment SummaryBox_book on Book {\n    id\n    summary {\n      status\n      text\n      provider\n      generatedAt\n      failureReason\n    }\n  }\n": typeof types.SummaryBox_BookFragmentDoc,
    "\n  mutation RequestSummary($bookId: ID!) {\n    requestSummary(bookId: $bookId) {\n      status\n      text\n      provider\n      generatedAt\n      failureReason\n    }\n  }\n": typeof types.RequestSummaryDocument,
    "\n  query CartBook($id: ID!) {\n    book(id: $id) {\n      id\n      title\n      stock\n      coverUrl\n      price {\n        amount\n        currency\n      }\n      authors {\n        id\n        name\n      }\n      categories {\n        id\n        name\n      }\n    }\n  }\n": typeof types.CartBookDocument,
    "\n  fragment BookCard_book on Book {\n    id\n    title\n    coverUrl\n    stock\n    price {\n      amount\n      currency\n    }\n    authors {\n      id\n      name\n    }\n    categories {\n      id\n      name\n    }\n    rating {\n      average\n      count\n    }\n    availability {\n      available\n      availableCopies\n      totalCopies\n    }\n  }\n": typeof types.BookCard_BookFragmentDoc,
    "\n  query CatalogPage($filter: BookFilter, $sort: BookSort, $first: Int, $after: String) {\n    books(filter: $filter, sort: $sort, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...BookCard_book\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n    categories {\n      id\n      name\n    }\n  }\n": typeof types.CatalogPageDocument,
    "\n  mutation PlaceOrder($input: PlaceOrderInput!, $idempotencyKey: String) {\n    placeOrder(input: $input, idempotencyKey: $idempotencyKey) {\n      id\n      status\n    }\n  }\n": typeof types.PlaceOrderDocument,
    "\n  fragment OrderDetail_order on Order {\n    id\n    status\n    rejectionReason\n    paymentDueAt\n    createdAt\n    total {\n      amount\n      currency\n    }\n    items {\n      quantity\n      unitPrice {\n        amount\n        currency\n      }\n      book {\n        id\n        title\n      }\n    }\n    shippingAddress {\n      line1\n      line2\n      city\n      postalCode\n      country\n    }\n    history {\n      status\n      at\n      reason\n    }\n    payments {\n      id\n      status\n      method\n      cardLast4\n      failureReason\n      amount {\n        amount\n        currency\n      }\n      refunds {\n        id\n        reason\n        amount {\n          amount\n          currency\n        }\n      }\n    }\n  }\n": typeof types.OrderDetail_OrderFragmentDoc,
    "\n  query OrderPage($id: ID!) {\n    order(id: $id) {\n      id\n      ...OrderDetail_order\n    }\n  }\n": typeof types.OrderPageDocument,
    "\n  subscription OrderUpdated($orderId: ID!) {\n    orderUpdated(orderId: $orderId) {\n      id\n      ...OrderDetail_order\n    }\n  }\n": typeof types.OrderUpdatedDocument,
    "\n  mutation CancelOrder($id: ID!, $reason: String) {\n    cancelOrder(id: $id, reason: $reason) {\n      id\n      ...OrderDetail_order\n    }\n  }\n": typeof types.CancelOrderDocument,
    "\n  mutation PayOrder($input: PayOrderInput!, $idempotencyKey: String!) {\n    payOrder(input: $input, idempotencyKey: $idempotencyKey) {\n      id\n      status\n      cardLast4\n      failureReason\n    }\n  }\n": typeof types.PayOrderDocument,
    "\n  fragment SessionUser on User {\n    id\n    username\n    email\n    name\n    role\n  }\n": typeof types.SessionUserFragmentDoc,
    "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) {\n      accessToken\n      refreshToken\n      expiresIn\n      user {\n        ...SessionUser\n      }\n    }\n  }\n": typeof types.RefreshSessionDocument,
    "\n  mutation SignOut($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n": typeof types.SignOutDocument,
};
const documents: Documents = {
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      ...SessionUser\n    }\n  }\n": types.UpdateProfileDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n": types.ChangePasswordDocument,
    "\n  mutation SignIn($input: LoginInput!) {\n    login(input: $input) {\n      accessToken\n      refreshToken\n      expiresIn\n      user {\n        ...SessionUser\n      }\n    }\n  }\n": types.SignInDocument,
    "\n  mutation SignUp($input: RegisterInput!) {\n    register(input: $input) {\n      accessToken\n      refreshToken\n      expiresIn\n      user {\n        ...SessionUser\n      }\n    }\n  }\n": types.SignUpDocument,
    "\n  query BookPage($id: ID!) {\n    book(id: $id) {\n      id\n      title\n      description\n      isbn\n      publishedYear\n      pageCount\n      coverUrl\n      authors {\n        id\n        name\n      }\n      categories {\n        id\n        name\n      }\n      ...BuyBox_book\n      ...LibraryBox_book\n      ...SummaryBox_book\n      ...RatingDistribution_book\n      reviews(first: 5) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            ...ReviewItem_review\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.BookPageDocument,
    "\n  query MoreReviews($id: ID!, $after: String) {\n    book(id: $id) {\n      id\n      reviews(first: 10, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            ...ReviewItem_review\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.MoreReviewsDocument,
    "\n  fragment BuyBox_book on Book {\n    id\n    title\n    stock\n    price {\n      amount\n      currency\n    }\n  }\n": types.BuyBox_BookFragmentDoc,
    "\n  fragment LibraryBox_book on Book {\n    id\n    title\n    availability {\n      totalCopies\n      availableCopies\n      available\n      nextDueAt\n    }\n  }\n": types.LibraryBox_BookFragmentDoc,
    "\n  mutation BorrowBook($bookId: ID!) {\n    borrowBook(bookId: $bookId) {\n      id\n      status\n      dueAt\n      book {\n        id\n        ...LibraryBox_book\n      }\n    }\n  }\n": types.BorrowBookDocument,
    "\n  fragment RatingDistribution_book on Book {\n    rating {\n      average\n      count\n      distribution\n    }\n  }\n": types.RatingDistribution_BookFragmentDoc,
    "\n  mutation AddReview($input: AddReviewInput!) {\n    addReview(input: $input) {\n      id\n      ...ReviewItem_review\n    }\n  }\n": types.AddReviewDocument,
    "\n  fragment ReviewItem_review on Review {\n    id\n    rating\n    title\n    body\n    verifiedPurchase\n    createdAt\n    author {\n      id\n      username\n    }\n  }\n": types.ReviewItem_ReviewFragmentDoc,
    "\n  fragment SummaryBox_book on Book {\n    id\n    summary {\n      status\n      text\n      provider\n      generatedAt\n      failureReason\n    }\n  }\n": types.SummaryBox_BookFragmentDoc,
    "\n  mutation RequestSummary($bookId: ID!) {\n    requestSummary(bookId: $bookId) {\n      status\n      text\n      provider\n      generatedAt\n      failureReason\n    }\n  }\n": types.RequestSummaryDocument,
    "\n  query CartBook($id: ID!) {\n    book(id: $id) {\n      id\n      title\n      stock\n      coverUrl\n      price {\n        amount\n        currency\n      }\n      authors {\n        id\n        name\n      }\n      categories {\n        id\n        name\n      }\n    }\n  }\n": types.CartBookDocument,
    "\n  fragment BookCard_book on Book {\n    id\n    title\n    coverUrl\n    stock\n    price {\n      amount\n      currency\n    }\n    authors {\n      id\n      name\n    }\n    categories {\n      id\n      name\n    }\n    rating {\n      average\n      count\n    }\n    availability {\n      available\n      availableCopies\n      totalCopies\n    }\n  }\n": types.BookCard_BookFragmentDoc,
    "\n  query CatalogPage($filter: BookFilter, $sort: BookSort, $first: Int, $after: String) {\n    books(filter: $filter, sort: $sort, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...BookCard_book\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n    categories {\n      id\n      name\n    }\n  }\n": types.CatalogPageDocument,
    "\n  mutation PlaceOrder($input: PlaceOrderInput!, $idempotencyKey: String) {\n    placeOrder(input: $input, idempotencyKey: $idempotencyKey) {\n      id\n      status\n    }\n  }\n": types.PlaceOrderDocument,
    "\n  fragment OrderDetail_order on Order {\n    id\n    status\n    rejectionReason\n    paymentDueAt\n    createdAt\n    total {\n      amount\n      currency\n    }\n    items {\n      quantity\n      unitPrice {\n        amount\n        currency\n      }\n      book {\n        id\n        title\n      }\n    }\n    shippingAddress {\n      line1\n      line2\n      city\n      postalCode\n      country\n    }\n    history {\n      status\n      at\n      reason\n    }\n    payments {\n      id\n      status\n      method\n      cardLast4\n      failureReason\n      amount {\n        amount\n        currency\n      }\n      refunds {\n        id\n        reason\n        amount {\n          amount\n          currency\n        }\n      }\n    }\n  }\n": types.OrderDetail_OrderFragmentDoc,
    "\n  query OrderPage($id: ID!) {\n    order(id: $id) {\n      id\n      ...OrderDetail_order\n    }\n  }\n": types.OrderPageDocument,
    "\n  subscription OrderUpdated($orderId: ID!) {\n    orderUpdated(orderId: $orderId) {\n      id\n      ...OrderDetail_order\n    }\n  }\n": types.OrderUpdatedDocument,
    "\n  mutation CancelOrder($id: ID!, $reason: String) {\n    cancelOrder(id: $id, reason: $reason) {\n      id\n      ...OrderDetail_order\n    }\n  }\n": types.CancelOrderDocument,
    "\n  mutation PayOrder($input: PayOrderInput!, $idempotencyKey: String!) {\n    payOrder(input: $input, idempotencyKey: $idempotencyKey) {\n      id\n      status\n      cardLast4\n      failureReason\n    }\n  }\n": types.PayOrderDocument,
    "\n  fragment SessionUser on User {\n    id\n    username\n    email\n    name\n    role\n  }\n": types.SessionUserFragmentDoc,
    "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) {\n      accessToken\n      refreshToken\n      expiresIn\n      user {\n        ...SessionUser\n      }\n    }\n  }\n": types.RefreshSessionDocument,
    "\n  mutation SignOut($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n": types.SignOutDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      ...SessionUser\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      ...SessionUser\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n"): (typeof documents)["\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($input: LoginInput!) {\n    login(input: $input) {\n      accessToken\n      refreshToken\n      expiresIn\n      user {\n        ...SessionUser\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignIn($input: LoginInput!) {\n    login(input: $input) {\n      accessToken\n      refreshToken\n      expiresIn\n      user {\n        ...SessionUser\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignUp($input: RegisterInput!) {\n    register(input: $input) {\n      accessToken\n      refreshToken\n      expiresIn\n      user {\n        ...SessionUser\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignUp($input: RegisterInput!) {\n    register(input: $input) {\n      accessToken\n      refreshToken\n      expiresIn\n      user {\n        ...SessionUser\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BookPage($id: ID!) {\n    book(id: $id) {\n      id\n      title\n      description\n      isbn\n      publishedYear\n      pageCount\n      coverUrl\n      authors {\n        id\n        name\n      }\n      categories {\n        id\n        name\n      }\n      ...BuyBox_book\n      ...LibraryBox_book\n      ...SummaryBox_book\n      ...RatingDistribution_book\n      reviews(first: 5) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            ...ReviewItem_review\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BookPage($id: ID!) {\n    book(id: $id) {\n      id\n      title\n      description\n      isbn\n      publishedYear\n      pageCount\n      coverUrl\n      authors {\n        id\n        name\n      }\n      categories {\n        id\n        name\n      }\n      ...BuyBox_book\n      ...LibraryBox_book\n      ...SummaryBox_book\n      ...RatingDistribution_book\n      reviews(first: 5) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            ...ReviewItem_review\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MoreReviews($id: ID!, $after: String) {\n    book(id: $id) {\n      id\n      reviews(first: 10, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            ...ReviewItem_review\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MoreReviews($id: ID!, $after: String) {\n    book(id: $id) {\n      id\n      reviews(first: 10, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            ...ReviewItem_review\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BuyBox_book on Book {\n    id\n    title\n    stock\n    price {\n      amount\n      currency\n    }\n  }\n"): (typeof documents)["\n  fragment BuyBox_book on Book {\n    id\n    title\n    stock\n    price {\n      amount\n      currency\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LibraryBox_book on Book {\n    id\n    title\n    availability {\n      totalCopies\n      availableCopies\n      available\n      nextDueAt\n    }\n  }\n"): (typeof documents)["\n  fragment LibraryBox_book on Book {\n    id\n    title\n    availability {\n      totalCopies\n      availableCopies\n      available\n      nextDueAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BorrowBook($bookId: ID!) {\n    borrowBook(bookId: $bookId) {\n      id\n      status\n      dueAt\n      book {\n        id\n        ...LibraryBox_book\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation BorrowBook($bookId: ID!) {\n    borrowBook(bookId: $bookId) {\n      id\n      status\n      dueAt\n      book {\n        id\n        ...LibraryBox_book\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RatingDistribution_book on Book {\n    rating {\n      average\n      count\n      distribution\n    }\n  }\n"): (typeof documents)["\n  fragment RatingDistribution_book on Book {\n    rating {\n      average\n      count\n      distribution\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddReview($input: AddReviewInput!) {\n    addReview(input: $input) {\n      id\n      ...ReviewItem_review\n    }\n  }\n"): (typeof documents)["\n  mutation AddReview($input: AddReviewInput!) {\n    addReview(input: $input) {\n      id\n      ...ReviewItem_review\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReviewItem_review on Review {\n    id\n    rating\n    title\n    body\n    verifiedPurchase\n    createdAt\n    author {\n      id\n      username\n    }\n  }\n"): (typeof documents)["\n  fragment ReviewItem_review on Review {\n    id\n    rating\n    title\n    body\n    verifiedPurchase\n    createdAt\n    author {\n      id\n      username\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SummaryBox_book on Book {\n    id\n    summary {\n      status\n      text\n      provider\n      generatedAt\n      failureReason\n    }\n  }\n"): (typeof documents)["\n  fragment SummaryBox_book on Book {\n    id\n    summary {\n      status\n      text\n      provider\n      generatedAt\n      failureReason\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestSummary($bookId: ID!) {\n    requestSummary(bookId: $bookId) {\n      status\n      text\n      provider\n      generatedAt\n      failureReason\n    }\n  }\n"): (typeof documents)["\n  mutation RequestSummary($bookId: ID!) {\n    requestSummary(bookId: $bookId) {\n      status\n      text\n      provider\n      generatedAt\n      failureReason\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CartBook($id: ID!) {\n    book(id: $id) {\n      id\n      title\n      stock\n      coverUrl\n      price {\n        amount\n        currency\n      }\n      authors {\n        id\n        name\n      }\n      categories {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query CartBook($id: ID!) {\n    book(id: $id) {\n      id\n      title\n      stock\n      coverUrl\n      price {\n        amount\n        currency\n      }\n      authors {\n        id\n        name\n      }\n      categories {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BookCard_book on Book {\n    id\n    title\n    coverUrl\n    stock\n    price {\n      amount\n      currency\n    }\n    authors {\n      id\n      name\n    }\n    categories {\n      id\n      name\n    }\n    rating {\n      average\n      count\n    }\n    availability {\n      available\n      availableCopies\n      totalCopies\n    }\n  }\n"): (typeof documents)["\n  fragment BookCard_book on Book {\n    id\n    title\n    coverUrl\n    stock\n    price {\n      amount\n      currency\n    }\n    authors {\n      id\n      name\n    }\n    categories {\n      id\n      name\n    }\n    rating {\n      average\n      count\n    }\n    availability {\n      available\n      availableCopies\n      totalCopies\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CatalogPage($filter: BookFilter, $sort: BookSort, $first: Int, $after: String) {\n    books(filter: $filter, sort: $sort, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...BookCard_book\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n    categories {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query CatalogPage($filter: BookFilter, $sort: BookSort, $first: Int, $after: String) {\n    books(filter: $filter, sort: $sort, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...BookCard_book\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n    categories {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PlaceOrder($input: PlaceOrderInput!, $idempotencyKey: String) {\n    placeOrder(input: $input, idempotencyKey: $idempotencyKey) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation PlaceOrder($input: PlaceOrderInput!, $idempotencyKey: String) {\n    placeOrder(input: $input, idempotencyKey: $idempotencyKey) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OrderDetail_order on Order {\n    id\n    status\n    rejectionReason\n    paymentDueAt\n    createdAt\n    total {\n      amount\n      currency\n    }\n    items {\n      quantity\n      unitPrice {\n        amount\n        currency\n      }\n      book {\n        id\n        title\n      }\n    }\n    shippingAddress {\n      line1\n      line2\n      city\n      postalCode\n      country\n    }\n    history {\n      status\n      at\n      reason\n    }\n    payments {\n      id\n      status\n      method\n      cardLast4\n      failureReason\n      amount {\n        amount\n        currency\n      }\n      refunds {\n        id\n        reason\n        amount {\n          amount\n          currency\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment OrderDetail_order on Order {\n    id\n    status\n    rejectionReason\n    paymentDueAt\n    createdAt\n    total {\n      amount\n      currency\n    }\n    items {\n      quantity\n      unitPrice {\n        amount\n        currency\n      }\n      book {\n        id\n        title\n      }\n    }\n    shippingAddress {\n      line1\n      line2\n      city\n      postalCode\n      country\n    }\n    history {\n      status\n      at\n      reason\n    }\n    payments {\n      id\n      status\n      method\n      cardLast4\n      failureReason\n      amount {\n        amount\n        currency\n      }\n      refunds {\n        id\n        reason\n        amount {\n          amount\n          currency\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrderPage($id: ID!) {\n    order(id: $id) {\n      id\n      ...OrderDetail_order\n    }\n  }\n"): (typeof documents)["\n  query OrderPage($id: ID!) {\n    order(id: $id) {\n      id\n      ...OrderDetail_order\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription OrderUpdated($orderId: ID!) {\n    orderUpdated(orderId: $orderId) {\n      id\n      ...OrderDetail_order\n    }\n  }\n"): (typeof documents)["\n  subscription OrderUpdated($orderId: ID!) {\n    orderUpdated(orderId: $orderId) {\n      id\n      ...OrderDetail_order\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelOrder($id: ID!, $reason: String) {\n    cancelOrder(id: $id, reason: $reason) {\n      id\n      ...OrderDetail_order\n    }\n  }\n"): (typeof documents)["\n  mutation CancelOrder($id: ID!, $reason: String) {\n    cancelOrder(id: $id, reason: $reason) {\n      id\n      ...OrderDetail_order\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PayOrder($input: PayOrderInput!, $idempotencyKey: String!) {\n    payOrder(input: $input, idempotencyKey: $idempotencyKey) {\n      id\n      status\n      cardLast4\n      failureReason\n    }\n  }\n"): (typeof documents)["\n  mutation PayOrder($input: PayOrderInput!, $idempotencyKey: String!) {\n    payOrder(input: $input, idempotencyKey: $idempotencyKey) {\n      id\n      status\n      cardLast4\n      failureReason\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SessionUser on User {\n    id\n    username\n    email\n    name\n    role\n  }\n"): (typeof documents)["\n  fragment SessionUser on User {\n    id\n    username\n    email\n    name\n    role\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) {\n      accessToken\n      refreshToken\n      expiresIn\n      user {\n        ...SessionUser\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RefreshSession($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) {\n      accessToken\n      refreshToken\n      expiresIn\n      user {\n        ...SessionUser\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n"): (typeof documents)["\n  mutation SignOut($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;