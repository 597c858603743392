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
    "\n  query MyOrders($after: String) {\n    me {\n      id\n      orders(first: 10, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            ...OrderRow_order\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.MyOrdersDocument,
    "\n  subscription MyOrderUpdates {\n    myOrderUpdates {\n      id\n      ...OrderRow_order\n    }\n  }\n": typeof types.MyOrderUpdatesDocument,
    "\n  query MyPayments($after: String) {\n    me {\n      id\n      payments(first: 20, after: $after) {\n        ...PaymentsList_connection\n      }\n    }\n  }\n": typeof types.MyPaymentsDocument,
    "\n  query MyReviews($after: String) {\n    me {\n      id\n      reviews(first: 20, after: $after) {\n        ...ReviewCards_connection\n      }\n    }\n  }\n": typeof types.MyReviewsDocument,
    "\n  mutation UpdateReview($id: ID!, $input: UpdateReviewInput!) {\n    updateReview(id: $id, input: $input) {\n      id\n      rating\n      title\n      body\n      updatedAt\n    }\n  }\n": typeof types.UpdateReviewDocument,
    "\n  fragment OrderRow_order on Order {\n    id\n    createdAt\n    status\n    items {\n      quantity\n      book {\n        id\n        title\n      }\n    }\n    total {\n      amount\n      currency\n    }\n  }\n": typeof types.OrderRow_OrderFragmentDoc,
    "\n  fragment PaymentRow_payment on Payment {\n    id\n    status\n    method\n    cardLast4\n    failureReason\n    createdAt\n    amount {\n      amount\n      currency\n    }\n    order {\n      id\n    }\n    refunds {\n      id\n      reason\n      createdAt\n      amount {\n        amount\n        currency\n      }\n    }\n  }\n": typeof types.PaymentRow_PaymentFragmentDoc,
    "\n  fragment PaymentsList_connection on PaymentConnection {\n    edges {\n      cursor\n      node {\n        id\n        ...PaymentRow_payment\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n": typeof types.PaymentsList_ConnectionFragmentDoc,
    "\n  mutation SignIn($input: LoginInput!) {\n    login(input: $input) {\n      ...SessionPayload\n    }\n  }\n": typeof types.SignInDocument,
    "\n  mutation SignUp($input: RegisterInput!) {\n    register(input: $input) {\n      ...SessionPayload\n    }\n  }\n": typeof types.SignUpDocument,
    "\n  query BookPage($id: ID!, $reviewsAfter: String) {\n    book(id: $id) {\n      id\n      title\n      description\n      isbn\n      publishedYear\n      pageCount\n      ...BookCover_book\n      authors {\n        id\n        name\n      }\n      categories {\n        id\n        name\n      }\n      ...BuyBox_book\n      ...LibraryBox_book\n      ...SummaryBox_book\n      ...RatingDistribution_book\n      reviews(first: 5, after: $reviewsAfter) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            ...ReviewItem_review\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.BookPageDocument,
    "\n  fragment BuyBox_book on Book {\n    id\n    title\n    stock\n    price {\n      amount\n      currency\n    }\n  }\n": typeof types.BuyBox_BookFragmentDoc,
    "\n  mutation DeleteReview($id: ID!) {\n    deleteReview(id: $id)\n  }\n": typeof types.DeleteReviewDocument,
    "\n  fragment LibraryBox_book on Book {\n    id\n    title\n    availability {\n      ...AvailabilityFields\n    }\n  }\n": typeof types.LibraryBox_BookFragmentDoc,
    "\n  mutation BorrowBook($bookId: ID!) {\n    borrowBook(bookId: $bookId) {\n      id\n      status\n      dueAt\n      book {\n        id\n        ...LibraryBox_book\n      }\n    }\n  }\n": typeof types.BorrowBookDocument,
    "\n  mutation PlaceHold($bookId: ID!) {\n    placeHold(bookId: $bookId) {\n      id\n      ...HoldFields\n      book {\n        id\n        ...LibraryBox_book\n      }\n    }\n  }\n": typeof types.PlaceHoldDocument,
    "\n  fragment RatingDistribution_book on Book {\n    rating {\n      average\n      count\n      distribution\n    }\n  }\n": typeof types.RatingDistribution_BookFragmentDoc,
    "\n  fragment ReviewCard_review on Review {\n    id\n    rating\n    title\n    body\n    verifiedPurchase\n    createdAt\n    updatedAt\n    author {\n      id\n      username\n    }\n    book {\n      id\n      title\n    }\n  }\n": typeof types.ReviewCard_ReviewFragmentDoc,
    "\n  fragment ReviewCards_connection on ReviewConnection {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        ...ReviewCard_review\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n": typeof types.ReviewCards_ConnectionFragmentDoc,
    "\n  mutation AddReview($input: AddReviewInput!) {\n    addReview(input: $input) {\n      id\n      ...ReviewItem_review\n    }\n  }\n": typeof types.AddReviewDocument,
    "\n  fragment ReviewItem_review on Review {\n    id\n    rating\n    title\n    body\n    verifiedPurchase\n    createdAt\n    author {\n      id\n      username\n    }\n  }\n": typeof types.ReviewItem_ReviewFragmentDoc,
    "\n  fragment SummaryFields on BookSummary {\n    status\n    text\n    provider\n    generatedAt\n    failureReason\n  }\n": typeof types.SummaryFieldsFragmentDoc,
    "\n  fragment SummaryBox_book on Book {\n    id\n    summary {\n      ...SummaryFields\n    }\n  }\n": typeof types.SummaryBox_BookFragmentDoc,
    "\n  mutation RequestSummary($bookId: ID!) {\n    requestSummary(bookId: $bookId) {\n      ...SummaryFields\n    }\n  }\n": typeof types.RequestSummaryDocument,
    "\n  query CartBook($id: ID!) {\n    book(id: $id) {\n      id\n      title\n      stock\n      price {\n        amount\n        currency\n      }\n      ...BookCover_book\n    }\n  }\n": typeof types.CartBookDocument,
    "\n  fragment BookCard_book on Book {\n    id\n    title\n    stock\n    ...BookCover_book\n    price {\n      amount\n      currency\n    }\n    authors {\n      id\n      name\n    }\n    rating {\n      average\n      count\n    }\n    availability {\n      available\n      availableCopies\n      totalCopies\n    }\n  }\n": typeof types.BookCard_BookFragmentDoc,
    "\n  fragment BookCover_book on Book {\n    title\n    coverUrl\n    authors {\n      id\n      name\n    }\n    categories {\n      id\n      name\n    }\n  }\n": typeof types.BookCover_BookFragmentDoc,
    "\n  query CatalogPage($filter: BookFilter, $sort: BookSort, $first: Int, $after: String) {\n    books(filter: $filter, sort: $sort, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...BookCard_book\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n    categories {\n      id\n      name\n    }\n  }\n": typeof types.CatalogPageDocument,
    "\n  mutation PlaceOrder($input: PlaceOrderInput!, $idempotencyKey: String) {\n    placeOrder(input: $input, idempotencyKey: $idempotencyKey) {\n      id\n      status\n    }\n  }\n": typeof types.PlaceOrderDocument,
    "\n  fragment OrderDetail_order on Order {\n    id\n    status\n    rejectionReason\n    paymentDueAt\n    createdAt\n    total {\n      amount\n      currency\n    }\n    items {\n      quantity\n      unitPrice {\n        amount\n        currency\n      }\n      book {\n        id\n        title\n      }\n    }\n    shippingAddress {\n      line1\n      line2\n      city\n      postalCode\n      country\n    }\n    history {\n      status\n      at\n      reason\n    }\n    payments {\n      id\n      status\n      method\n      cardLast4\n      failureReason\n      amount {\n        amount\n        currency\n      }\n      refunds {\n        id\n        reason\n        amount {\n          amount\n          currency\n        }\n      }\n    }\n  }\n": typeof types.OrderDetail_OrderFragmentDoc,
    "\n  mutation UpdateShippingAddress($id: ID!, $address: AddressInput!) {\n    updateShippingAddress(id: $id, address: $address) {\n      id\n      ...OrderDetail_order\n    }\n  }\n": typeof types.UpdateShippingAddressDocument,
    "\n  query OrderPage($id: ID!) {\n    order(id: $id) {\n      id\n      ...OrderDetail_order\n    }\n  }\n": typeof types.OrderPageDocument,
    "\n  subscription OrderUpdated($orderId: ID!) {\n    orderUpdated(orderId: $orderId) {\n      id\n      ...OrderDetail_order\n    }\n  }\n": typeof types.OrderUpdatedDocument,
    "\n  mutation CancelOrder($id: ID!, $reason: String) {\n    cancelOrder(id: $id, reason: $reason) {\n      id\n      ...OrderDetail_order\n    }\n  }\n": typeof types.CancelOrderDocument,
    "\n  mutation PayOrder($input: PayOrderInput!, $idempotencyKey: String!) {\n    payOrder(input: $input, idempotencyKey: $idempotencyKey) {\n      id\n      status\n      cardLast4\n      failureReason\n    }\n  }\n": typeof types.PayOrderDocument,
    "\n  fragment SessionUser on User {\n    id\n    username\n    email\n    name\n    role\n  }\n": typeof types.SessionUserFragmentDoc,
    "\n  fragment SessionPayload on AuthPayload {\n    accessToken\n    refreshToken\n    expiresIn\n    user {\n      ...SessionUser\n    }\n  }\n": typeof types.SessionPayloadFragmentDoc,
    "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) {\n      ...SessionPayload\n    }\n  }\n": typeof types.RefreshSessionDocument,
    "\n  mutation SignOut($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n": typeof types.SignOutDocument,
    "\n  subscription MyLibraryUpdates {\n    myLibraryUpdates {\n      kind\n      at\n      hold {\n        id\n        ...HoldFields\n      }\n      loan {\n        id\n        status\n        dueAt\n        book {\n          id\n          title\n        }\n      }\n    }\n  }\n": typeof types.MyLibraryUpdatesDocument,
    "\n  query MyHolds($status: HoldStatus, $after: String) {\n    me {\n      id\n      holds(status: $status, first: 20, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            ...HoldFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.MyHoldsDocument,
    "\n  query MyLoans($status: LoanStatus, $after: String) {\n    me {\n      id\n      loans(status: $status, first: 20, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            ...LoanFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.MyLoansDocument,
    "\n  fragment AvailabilityFields on Availability {\n    totalCopies\n    availableCopies\n    available\n    nextDueAt\n    holdsWaiting\n  }\n": typeof types.AvailabilityFieldsFragmentDoc,
    "\n  fragment HoldFields on Hold {\n    id\n    status\n    position\n    placedAt\n    readyAt\n    pickupBy\n    book {\n      id\n      title\n    }\n  }\n": typeof types.HoldFieldsFragmentDoc,
    "\n  query MyActiveHolds {\n    me {\n      id\n      waiting: holds(status: WAITING, first: 10) {\n        edges {\n          node {\n            id\n            ...HoldFields\n          }\n        }\n      }\n      ready: holds(status: READY, first: 10) {\n        edges {\n          node {\n            id\n            ...HoldFields\n          }\n        }\n      }\n    }\n  }\n": typeof types.MyActiveHoldsDocument,
    "\n  mutation CancelHold($holdId: ID!) {\n    cancelHold(holdId: $holdId) {\n      id\n      ...HoldFields\n      book {\n        id\n        availability {\n          ...AvailabilityFields\n        }\n      }\n    }\n  }\n": typeof types.CancelHoldDocument,
    "\n  fragment LoanFields on Loan {\n    id\n    status\n    borrowedAt\n    dueAt\n    returnedAt\n    renewals\n    book {\n      id\n      title\n    }\n  }\n": typeof types.LoanFieldsFragmentDoc,
    "\n  mutation ReturnBook($loanId: ID!) {\n    returnBook(loanId: $loanId) {\n      id\n      status\n      returnedAt\n      book {\n        id\n        availability {\n          ...AvailabilityFields\n        }\n      }\n    }\n  }\n": typeof types.ReturnBookDocument,
    "\n  mutation RenewLoan($loanId: ID!) {\n    renewLoan(loanId: $loanId) {\n      id\n      status\n      dueAt\n      renewals\n    }\n  }\n": typeof types.RenewLoanDocument,
    "\n  fragment BookEditor_book on Book {\n    id\n    title\n    description\n    isbn\n    publishedYear\n    pageCount\n    coverUrl\n    price {\n      amount\n      currency\n    }\n    authors {\n      id\n      name\n    }\n    categories {\n      id\n    }\n  }\n": typeof types.BookEditor_BookFragmentDoc,
    "\n  query BookEditor($id: ID!, $withBook: Boolean!) {\n    categories {\n      id\n      name\n    }\n    book(id: $id) @include(if: $withBook) {\n      id\n      stock\n      ...BookEditor_book\n      availability {\n        ...AvailabilityFields\n      }\n    }\n  }\n": typeof types.BookEditorDocument,
    "\n  mutation CreateBook($input: CreateBookInput!) {\n    createBook(input: $input) {\n      id\n      title\n    }\n  }\n": typeof types.CreateBookDocument,
    "\n  mutation UpdateBook($id: ID!, $input: UpdateBookInput!) {\n    updateBook(id: $id, input: $input) {\n      id\n      ...BookEditor_book\n    }\n  }\n": typeof types.UpdateBookDocument,
    "\n  mutation Restock($bookId: ID!, $quantity: Int!) {\n    restock(bookId: $bookId, quantity: $quantity) {\n      id\n      stock\n    }\n  }\n": typeof types.RestockDocument,
    "\n  mutation SetLendingCopies($bookId: ID!, $copies: Int!) {\n    setLendingCopies(bookId: $bookId, copies: $copies) {\n      ...AvailabilityFields\n    }\n  }\n": typeof types.SetLendingCopiesDocument,
    "\n  mutation CreateCategory($input: CreateCategoryInput!) {\n    createCategory(input: $input) {\n      id\n      name\n    }\n  }\n": typeof types.CreateCategoryDocument,
    "\n  mutation CheckOutBook($bookId: ID!, $memberId: ID!) {\n    checkOutBook(bookId: $bookId, memberId: $memberId) {\n      id\n      dueAt\n      borrower {\n        id\n        username\n      }\n      book {\n        id\n        title\n        availability {\n          ...AvailabilityFields\n        }\n      }\n    }\n  }\n": typeof types.CheckOutBookDocument,
    "\n  query DeskMember($id: ID!) {\n    user(id: $id) {\n      id\n      username\n      name\n    }\n  }\n": typeof types.DeskMemberDocument,
    "\n  query DeskHolds($bookId: ID, $status: HoldStatus, $after: String) {\n    holds(bookId: $bookId, status: $status, first: 25, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...HoldFields\n          member {\n            ...MemberName_user\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.DeskHoldsDocument,
    "\n  mutation LendToHold($bookId: ID!, $memberId: ID!) {\n    checkOutBook(bookId: $bookId, memberId: $memberId) {\n      id\n      dueAt\n    }\n  }\n": typeof types.LendToHoldDocument,
    "\n  query DeskBook($id: ID!) {\n    book(id: $id) {\n      id\n      title\n      availability {\n        ...AvailabilityFields\n      }\n    }\n  }\n": typeof types.DeskBookDocument,
    "\n  query DeskLoans($status: LoanStatus, $after: String) {\n    loans(status: $status, first: 25, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...LoanFields\n          borrower {\n            ...MemberName_user\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.DeskLoansDocument,
    "\n  query AdminOrders($status: OrderStatus, $after: String) {\n    orders(status: $status, first: 20, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...OrderRow_order\n          customer {\n            id\n            username\n          }\n          payments {\n            id\n            status\n            amount {\n              amount\n              currency\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.AdminOrdersDocument,
    "\n  mutation UpdateOrderStatus($id: ID!, $status: OrderStatus!) {\n    updateOrderStatus(id: $id, status: $status) {\n      id\n      status\n    }\n  }\n": typeof types.UpdateOrderStatusDocument,
    "\n  query AdminPayments($status: PaymentStatus, $after: String) {\n    payments(status: $status, first: 20, after: $after) {\n      ...PaymentsList_connection\n    }\n  }\n": typeof types.AdminPaymentsDocument,
    "\n  mutation RefundPayment($paymentId: ID!, $amount: String, $reason: String) {\n    refundPayment(paymentId: $paymentId, amount: $amount, reason: $reason) {\n      id\n      amount {\n        amount\n        currency\n      }\n    }\n  }\n": typeof types.RefundPaymentDocument,
    "\n  query ModerationReviews($after: String) {\n    reviews(first: 20, after: $after) {\n      ...ReviewCards_connection\n    }\n  }\n": typeof types.ModerationReviewsDocument,
    "\n  query StaffBooks($search: String) {\n    books(filter: { search: $search }, first: 20) {\n      totalCount\n      edges {\n        node {\n          id\n          title\n          stock\n          authors {\n            id\n            name\n          }\n          availability {\n            totalCopies\n            availableCopies\n          }\n        }\n      }\n    }\n  }\n": typeof types.StaffBooksDocument,
    "\n  query AdminUsers($after: String) {\n    users(first: 50, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          username\n          email\n          name\n          role\n          createdAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.AdminUsersDocument,
    "\n  mutation SetUserRole($userId: ID!, $role: Role!) {\n    setUserRole(userId: $userId, role: $role) {\n      id\n      role\n    }\n  }\n": typeof types.SetUserRoleDocument,
    "\n  mutation UpdateUser($id: ID!, $input: UpdateProfileInput!) {\n    updateUser(id: $id, input: $input) {\n      id\n      username\n      email\n      name\n    }\n  }\n": typeof types.UpdateUserDocument,
    "\n  fragment MemberName_user on User {\n    id\n    username\n    name\n  }\n": typeof types.MemberName_UserFragmentDoc,
};
const documents: Documents = {
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      ...SessionUser\n    }\n  }\n": types.UpdateProfileDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n": types.ChangePasswordDocument,
    "\n  query MyOrders($after: String) {\n    me {\n      id\n      orders(first: 10, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            ...OrderRow_order\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.MyOrdersDocument,
    "\n  subscription MyOrderUpdates {\n    myOrderUpdates {\n      id\n      ...OrderRow_order\n    }\n  }\n": types.MyOrderUpdatesDocument,
    "\n  query MyPayments($after: String) {\n    me {\n      id\n      payments(first: 20, after: $after) {\n        ...PaymentsList_connection\n      }\n    }\n  }\n": types.MyPaymentsDocument,
    "\n  query MyReviews($after: String) {\n    me {\n      id\n      reviews(first: 20, after: $after) {\n        ...ReviewCards_connection\n      }\n    }\n  }\n": types.MyReviewsDocument,
    "\n  mutation UpdateReview($id: ID!, $input: UpdateReviewInput!) {\n    updateReview(id: $id, input: $input) {\n      id\n      rating\n      title\n      body\n      updatedAt\n    }\n  }\n": types.UpdateReviewDocument,
    "\n  fragment OrderRow_order on Order {\n    id\n    createdAt\n    status\n    items {\n      quantity\n      book {\n        id\n        title\n      }\n    }\n    total {\n      amount\n      currency\n    }\n  }\n": types.OrderRow_OrderFragmentDoc,
    "\n  fragment PaymentRow_payment on Payment {\n    id\n    status\n    method\n    cardLast4\n    failureReason\n    createdAt\n    amount {\n      amount\n      currency\n    }\n    order {\n      id\n    }\n    refunds {\n      id\n      reason\n      createdAt\n      amount {\n        amount\n        currency\n      }\n    }\n  }\n": types.PaymentRow_PaymentFragmentDoc,
    "\n  fragment PaymentsList_connection on PaymentConnection {\n    edges {\n      cursor\n      node {\n        id\n        ...PaymentRow_payment\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n": types.PaymentsList_ConnectionFragmentDoc,
    "\n  mutation SignIn($input: LoginInput!) {\n    login(input: $input) {\n      ...SessionPayload\n    }\n  }\n": types.SignInDocument,
    "\n  mutation SignUp($input: RegisterInput!) {\n    register(input: $input) {\n      ...SessionPayload\n    }\n  }\n": types.SignUpDocument,
    "\n  query BookPage($id: ID!, $reviewsAfter: String) {\n    book(id: $id) {\n      id\n      title\n      description\n      isbn\n      publishedYear\n      pageCount\n      ...BookCover_book\n      authors {\n        id\n        name\n      }\n      categories {\n        id\n        name\n      }\n      ...BuyBox_book\n      ...LibraryBox_book\n      ...SummaryBox_book\n      ...RatingDistribution_book\n      reviews(first: 5, after: $reviewsAfter) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            ...ReviewItem_review\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.BookPageDocument,
    "\n  fragment BuyBox_book on Book {\n    id\n    title\n    stock\n    price {\n      amount\n      currency\n    }\n  }\n": types.BuyBox_BookFragmentDoc,
    "\n  mutation DeleteReview($id: ID!) {\n    deleteReview(id: $id)\n  }\n": types.DeleteReviewDocument,
    "\n  fragment LibraryBox_book on Book {\n    id\n    title\n    availability {\n      ...AvailabilityFields\n    }\n  }\n": types.LibraryBox_BookFragmentDoc,
    "\n  mutation BorrowBook($bookId: ID!) {\n    borrowBook(bookId: $bookId) {\n      id\n      status\n      dueAt\n      book {\n        id\n        ...LibraryBox_book\n      }\n    }\n  }\n": types.BorrowBookDocument,
    "\n  mutation PlaceHold($bookId: ID!) {\n    placeHold(bookId: $bookId) {\n      id\n      ...HoldFields\n      book {\n        id\n        ...LibraryBox_book\n      }\n    }\n  }\n": types.PlaceHoldDocument,
    "\n  fragment RatingDistribution_book on Book {\n    rating {\n      average\n      count\n      distribution\n    }\n  }\n": types.RatingDistribution_BookFragmentDoc,
    "\n  fragment ReviewCard_review on Review {\n    id\n    rating\n    title\n    body\n    verifiedPurchase\n    createdAt\n    updatedAt\n    author {\n      id\n      username\n    }\n    book {\n      id\n      title\n    }\n  }\n": types.ReviewCard_ReviewFragmentDoc,
    "\n  fragment ReviewCards_connection on ReviewConnection {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        ...ReviewCard_review\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n": types.ReviewCards_ConnectionFragmentDoc,
    "\n  mutation AddReview($input: AddReviewInput!) {\n    addReview(input: $input) {\n      id\n      ...ReviewItem_review\n    }\n  }\n": types.AddReviewDocument,
    "\n  fragment ReviewItem_review on Review {\n    id\n    rating\n    title\n    body\n    verifiedPurchase\n    createdAt\n    author {\n      id\n      username\n    }\n  }\n": types.ReviewItem_ReviewFragmentDoc,
    "\n  fragment SummaryFields on BookSummary {\n    status\n    text\n    provider\n    generatedAt\n    failureReason\n  }\n": types.SummaryFieldsFragmentDoc,
    "\n  fragment SummaryBox_book on Book {\n    id\n    summary {\n      ...SummaryFields\n    }\n  }\n": types.SummaryBox_BookFragmentDoc,
    "\n  mutation RequestSummary($bookId: ID!) {\n    requestSummary(bookId: $bookId) {\n      ...SummaryFields\n    }\n  }\n": types.RequestSummaryDocument,
    "\n  query CartBook($id: ID!) {\n    book(id: $id) {\n      id\n      title\n      stock\n      price {\n        amount\n        currency\n      }\n      ...BookCover_book\n    }\n  }\n": types.CartBookDocument,
    "\n  fragment BookCard_book on Book {\n    id\n    title\n    stock\n    ...BookCover_book\n    price {\n      amount\n      currency\n    }\n    authors {\n      id\n      name\n    }\n    rating {\n      average\n      count\n    }\n    availability {\n      available\n      availableCopies\n      totalCopies\n    }\n  }\n": types.BookCard_BookFragmentDoc,
    "\n  fragment BookCover_book on Book {\n    title\n    coverUrl\n    authors {\n      id\n      name\n    }\n    categories {\n      id\n      name\n    }\n  }\n": types.BookCover_BookFragmentDoc,
    "\n  query CatalogPage($filter: BookFilter, $sort: BookSort, $first: Int, $after: String) {\n    books(filter: $filter, sort: $sort, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...BookCard_book\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n    categories {\n      id\n      name\n    }\n  }\n": types.CatalogPageDocument,
    "\n  mutation PlaceOrder($input: PlaceOrderInput!, $idempotencyKey: String) {\n    placeOrder(input: $input, idempotencyKey: $idempotencyKey) {\n      id\n      status\n    }\n  }\n": types.PlaceOrderDocument,
    "\n  fragment OrderDetail_order on Order {\n    id\n    status\n    rejectionReason\n    paymentDueAt\n    createdAt\n    total {\n      amount\n      currency\n    }\n    items {\n      quantity\n      unitPrice {\n        amount\n        currency\n      }\n      book {\n        id\n        title\n      }\n    }\n    shippingAddress {\n      line1\n      line2\n      city\n      postalCode\n      country\n    }\n    history {\n      status\n      at\n      reason\n    }\n    payments {\n      id\n      status\n      method\n      cardLast4\n      failureReason\n      amount {\n        amount\n        currency\n      }\n      refunds {\n        id\n        reason\n        amount {\n          amount\n          currency\n        }\n      }\n    }\n  }\n": types.OrderDetail_OrderFragmentDoc,
    "\n  mutation UpdateShippingAddress($id: ID!, $address: AddressInput!) {\n    updateShippingAddress(id: $id, address: $address) {\n      id\n      ...OrderDetail_order\n    }\n  }\n": types.UpdateShippingAddressDocument,
    "\n  query OrderPage($id: ID!) {\n    order(id: $id) {\n      id\n      ...OrderDetail_order\n    }\n  }\n": types.OrderPageDocument,
    "\n  subscription OrderUpdated($orderId: ID!) {\n    orderUpdated(orderId: $orderId) {\n      id\n      ...OrderDetail_order\n    }\n  }\n": types.OrderUpdatedDocument,
    "\n  mutation CancelOrder($id: ID!, $reason: String) {\n    cancelOrder(id: $id, reason: $reason) {\n      id\n      ...OrderDetail_order\n    }\n  }\n": types.CancelOrderDocument,
    "\n  mutation PayOrder($input: PayOrderInput!, $idempotencyKey: String!) {\n    payOrder(input: $input, idempotencyKey: $idempotencyKey) {\n      id\n      status\n      cardLast4\n      failureReason\n    }\n  }\n": types.PayOrderDocument,
    "\n  fragment SessionUser on User {\n    id\n    username\n    email\n    name\n    role\n  }\n": types.SessionUserFragmentDoc,
    "\n  fragment SessionPayload on AuthPayload {\n    accessToken\n    refreshToken\n    expiresIn\n    user {\n      ...SessionUser\n    }\n  }\n": types.SessionPayloadFragmentDoc,
    "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) {\n      ...SessionPayload\n    }\n  }\n": types.RefreshSessionDocument,
    "\n  mutation SignOut($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n": types.SignOutDocument,
    "\n  subscription MyLibraryUpdates {\n    myLibraryUpdates {\n      kind\n      at\n      hold {\n        id\n        ...HoldFields\n      }\n      loan {\n        id\n        status\n        dueAt\n        book {\n          id\n          title\n        }\n      }\n    }\n  }\n": types.MyLibraryUpdatesDocument,
    "\n  query MyHolds($status: HoldStatus, $after: String) {\n    me {\n      id\n      holds(status: $status, first: 20, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            ...HoldFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.MyHoldsDocument,
    "\n  query MyLoans($status: LoanStatus, $after: String) {\n    me {\n      id\n      loans(status: $status, first: 20, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            ...LoanFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.MyLoansDocument,
    "\n  fragment AvailabilityFields on Availability {\n    totalCopies\n    availableCopies\n    available\n    nextDueAt\n    holdsWaiting\n  }\n": types.AvailabilityFieldsFragmentDoc,
    "\n  fragment HoldFields on Hold {\n    id\n    status\n    position\n    placedAt\n    readyAt\n    pickupBy\n    book {\n      id\n      title\n    }\n  }\n": types.HoldFieldsFragmentDoc,
    "\n  query MyActiveHolds {\n    me {\n      id\n      waiting: holds(status: WAITING, first: 10) {\n        edges {\n          node {\n            id\n            ...HoldFields\n          }\n        }\n      }\n      ready: holds(status: READY, first: 10) {\n        edges {\n          node {\n            id\n            ...HoldFields\n          }\n        }\n      }\n    }\n  }\n": types.MyActiveHoldsDocument,
    "\n  mutation CancelHold($holdId: ID!) {\n    cancelHold(holdId: $holdId) {\n      id\n      ...HoldFields\n      book {\n        id\n        availability {\n          ...AvailabilityFields\n        }\n      }\n    }\n  }\n": types.CancelHoldDocument,
    "\n  fragment LoanFields on Loan {\n    id\n    status\n    borrowedAt\n    dueAt\n    returnedAt\n    renewals\n    book {\n      id\n      title\n    }\n  }\n": types.LoanFieldsFragmentDoc,
    "\n  mutation ReturnBook($loanId: ID!) {\n    returnBook(loanId: $loanId) {\n      id\n      status\n      returnedAt\n      book {\n        id\n        availability {\n          ...AvailabilityFields\n        }\n      }\n    }\n  }\n": types.ReturnBookDocument,
    "\n  mutation RenewLoan($loanId: ID!) {\n    renewLoan(loanId: $loanId) {\n      id\n      status\n      dueAt\n      renewals\n    }\n  }\n": types.RenewLoanDocument,
    "\n  fragment BookEditor_book on Book {\n    id\n    title\n    description\n    isbn\n    publishedYear\n    pageCount\n    coverUrl\n    price {\n      amount\n      currency\n    }\n    authors {\n      id\n      name\n    }\n    categories {\n      id\n    }\n  }\n": types.BookEditor_BookFragmentDoc,
    "\n  query BookEditor($id: ID!, $withBook: Boolean!) {\n    categories {\n      id\n      name\n    }\n    book(id: $id) @include(if: $withBook) {\n      id\n      stock\n      ...BookEditor_book\n      availability {\n        ...AvailabilityFields\n      }\n    }\n  }\n": types.BookEditorDocument,
    "\n  mutation CreateBook($input: CreateBookInput!) {\n    createBook(input: $input) {\n      id\n      title\n    }\n  }\n": types.CreateBookDocument,
    "\n  mutation UpdateBook($id: ID!, $input: UpdateBookInput!) {\n    updateBook(id: $id, input: $input) {\n      id\n      ...BookEditor_book\n    }\n  }\n": types.UpdateBookDocument,
    "\n  mutation Restock($bookId: ID!, $quantity: Int!) {\n    restock(bookId: $bookId, quantity: $quantity) {\n      id\n      stock\n    }\n  }\n": types.RestockDocument,
    "\n  mutation SetLendingCopies($bookId: ID!, $copies: Int!) {\n    setLendingCopies(bookId: $bookId, copies: $copies) {\n      ...AvailabilityFields\n    }\n  }\n": types.SetLendingCopiesDocument,
    "\n  mutation CreateCategory($input: CreateCategoryInput!) {\n    createCategory(input: $input) {\n      id\n      name\n    }\n  }\n": types.CreateCategoryDocument,
    "\n  mutation CheckOutBook($bookId: ID!, $memberId: ID!) {\n    checkOutBook(bookId: $bookId, memberId: $memberId) {\n      id\n      dueAt\n      borrower {\n        id\n        username\n      }\n      book {\n        id\n        title\n        availability {\n          ...AvailabilityFields\n        }\n      }\n    }\n  }\n": types.CheckOutBookDocument,
    "\n  query DeskMember($id: ID!) {\n    user(id: $id) {\n      id\n      username\n      name\n    }\n  }\n": types.DeskMemberDocument,
    "\n  query DeskHolds($bookId: ID, $status: HoldStatus, $after: String) {\n    holds(bookId: $bookId, status: $status, first: 25, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...HoldFields\n          member {\n            ...MemberName_user\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.DeskHoldsDocument,
    "\n  mutation LendToHold($bookId: ID!, $memberId: ID!) {\n    checkOutBook(bookId: $bookId, memberId: $memberId) {\n      id\n      dueAt\n    }\n  }\n": types.LendToHoldDocument,
    "\n  query DeskBook($id: ID!) {\n    book(id: $id) {\n      id\n      title\n      availability {\n        ...AvailabilityFields\n      }\n    }\n  }\n": types.DeskBookDocument,
    "\n  query DeskLoans($status: LoanStatus, $after: String) {\n    loans(status: $status, first: 25, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...LoanFields\n          borrower {\n            ...MemberName_user\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.DeskLoansDocument,
    "\n  query AdminOrders($status: OrderStatus, $after: String) {\n    orders(status: $status, first: 20, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...OrderRow_order\n          customer {\n            id\n            username\n          }\n          payments {\n            id\n            status\n            amount {\n              amount\n              currency\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.AdminOrdersDocument,
    "\n  mutation UpdateOrderStatus($id: ID!, $status: OrderStatus!) {\n    updateOrderStatus(id: $id, status: $status) {\n      id\n      status\n    }\n  }\n": types.UpdateOrderStatusDocument,
    "\n  query AdminPayments($status: PaymentStatus, $after: String) {\n    payments(status: $status, first: 20, after: $after) {\n      ...PaymentsList_connection\n    }\n  }\n": types.AdminPaymentsDocument,
    "\n  mutation RefundPayment($paymentId: ID!, $amount: String, $reason: String) {\n    refundPayment(paymentId: $paymentId, amount: $amount, reason: $reason) {\n      id\n      amount {\n        amount\n        currency\n      }\n    }\n  }\n": types.RefundPaymentDocument,
    "\n  query ModerationReviews($after: String) {\n    reviews(first: 20, after: $after) {\n      ...ReviewCards_connection\n    }\n  }\n": types.ModerationReviewsDocument,
    "\n  query StaffBooks($search: String) {\n    books(filter: { search: $search }, first: 20) {\n      totalCount\n      edges {\n        node {\n          id\n          title\n          stock\n          authors {\n            id\n            name\n          }\n          availability {\n            totalCopies\n            availableCopies\n          }\n        }\n      }\n    }\n  }\n": types.StaffBooksDocument,
    "\n  query AdminUsers($after: String) {\n    users(first: 50, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          username\n          email\n          name\n          role\n          createdAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.AdminUsersDocument,
    "\n  mutation SetUserRole($userId: ID!, $role: Role!) {\n    setUserRole(userId: $userId, role: $role) {\n      id\n      role\n    }\n  }\n": types.SetUserRoleDocument,
    "\n  mutation UpdateUser($id: ID!, $input: UpdateProfileInput!) {\n    updateUser(id: $id, input: $input) {\n      id\n      username\n      email\n      name\n    }\n  }\n": types.UpdateUserDocument,
    "\n  fragment MemberName_user on User {\n    id\n    username\n    name\n  }\n": types.MemberName_UserFragmentDoc,
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
export function graphql(source: "\n  query MyOrders($after: String) {\n    me {\n      id\n      orders(first: 10, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            ...OrderRow_order\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyOrders($after: String) {\n    me {\n      id\n      orders(first: 10, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            ...OrderRow_order\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MyOrderUpdates {\n    myOrderUpdates {\n      id\n      ...OrderRow_order\n    }\n  }\n"): (typeof documents)["\n  subscription MyOrderUpdates {\n    myOrderUpdates {\n      id\n      ...OrderRow_order\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyPayments($after: String) {\n    me {\n      id\n      payments(first: 20, after: $after) {\n        ...PaymentsList_connection\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyPayments($after: String) {\n    me {\n      id\n      payments(first: 20, after: $after) {\n        ...PaymentsList_connection\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyReviews($after: String) {\n    me {\n      id\n      reviews(first: 20, after: $after) {\n        ...ReviewCards_connection\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyReviews($after: String) {\n    me {\n      id\n      reviews(first: 20, after: $after) {\n        ...ReviewCards_connection\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateReview($id: ID!, $input: UpdateReviewInput!) {\n    updateReview(id: $id, input: $input) {\n      id\n      rating\n      title\n      body\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateReview($id: ID!, $input: UpdateReviewInput!) {\n    updateReview(id: $id, input: $input) {\n      id\n      rating\n      title\n      body\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OrderRow_order on Order {\n    id\n    createdAt\n    status\n    items {\n      quantity\n      book {\n        id\n        title\n      }\n    }\n    total {\n      amount\n      currency\n    }\n  }\n"): (typeof documents)["\n  fragment OrderRow_order on Order {\n    id\n    createdAt\n    status\n    items {\n      quantity\n      book {\n        id\n        title\n      }\n    }\n    total {\n      amount\n      currency\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PaymentRow_payment on Payment {\n    id\n    status\n    method\n    cardLast4\n    failureReason\n    createdAt\n    amount {\n      amount\n      currency\n    }\n    order {\n      id\n    }\n    refunds {\n      id\n      reason\n      createdAt\n      amount {\n        amount\n        currency\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment PaymentRow_payment on Payment {\n    id\n    status\n    method\n    cardLast4\n    failureReason\n    createdAt\n    amount {\n      amount\n      currency\n    }\n    order {\n      id\n    }\n    refunds {\n      id\n      reason\n      createdAt\n      amount {\n        amount\n        currency\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PaymentsList_connection on PaymentConnection {\n    edges {\n      cursor\n      node {\n        id\n        ...PaymentRow_payment\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n"): (typeof documents)["\n  fragment PaymentsList_connection on PaymentConnection {\n    edges {\n      cursor\n      node {\n        id\n        ...PaymentRow_payment\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($input: LoginInput!) {\n    login(input: $input) {\n      ...SessionPayload\n    }\n  }\n"): (typeof documents)["\n  mutation SignIn($input: LoginInput!) {\n    login(input: $input) {\n      ...SessionPayload\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignUp($input: RegisterInput!) {\n    register(input: $input) {\n      ...SessionPayload\n    }\n  }\n"): (typeof documents)["\n  mutation SignUp($input: RegisterInput!) {\n    register(input: $input) {\n      ...SessionPayload\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BookPage($id: ID!, $reviewsAfter: String) {\n    book(id: $id) {\n      id\n      title\n      description\n      isbn\n      publishedYear\n      pageCount\n      ...BookCover_book\n      authors {\n        id\n        name\n      }\n      categories {\n        id\n        name\n      }\n      ...BuyBox_book\n      ...LibraryBox_book\n      ...SummaryBox_book\n      ...RatingDistribution_book\n      reviews(first: 5, after: $reviewsAfter) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            ...ReviewItem_review\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BookPage($id: ID!, $reviewsAfter: String) {\n    book(id: $id) {\n      id\n      title\n      description\n      isbn\n      publishedYear\n      pageCount\n      ...BookCover_book\n      authors {\n        id\n        name\n      }\n      categories {\n        id\n        name\n      }\n      ...BuyBox_book\n      ...LibraryBox_book\n      ...SummaryBox_book\n      ...RatingDistribution_book\n      reviews(first: 5, after: $reviewsAfter) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            ...ReviewItem_review\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BuyBox_book on Book {\n    id\n    title\n    stock\n    price {\n      amount\n      currency\n    }\n  }\n"): (typeof documents)["\n  fragment BuyBox_book on Book {\n    id\n    title\n    stock\n    price {\n      amount\n      currency\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteReview($id: ID!) {\n    deleteReview(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteReview($id: ID!) {\n    deleteReview(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LibraryBox_book on Book {\n    id\n    title\n    availability {\n      ...AvailabilityFields\n    }\n  }\n"): (typeof documents)["\n  fragment LibraryBox_book on Book {\n    id\n    title\n    availability {\n      ...AvailabilityFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BorrowBook($bookId: ID!) {\n    borrowBook(bookId: $bookId) {\n      id\n      status\n      dueAt\n      book {\n        id\n        ...LibraryBox_book\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation BorrowBook($bookId: ID!) {\n    borrowBook(bookId: $bookId) {\n      id\n      status\n      dueAt\n      book {\n        id\n        ...LibraryBox_book\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PlaceHold($bookId: ID!) {\n    placeHold(bookId: $bookId) {\n      id\n      ...HoldFields\n      book {\n        id\n        ...LibraryBox_book\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation PlaceHold($bookId: ID!) {\n    placeHold(bookId: $bookId) {\n      id\n      ...HoldFields\n      book {\n        id\n        ...LibraryBox_book\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RatingDistribution_book on Book {\n    rating {\n      average\n      count\n      distribution\n    }\n  }\n"): (typeof documents)["\n  fragment RatingDistribution_book on Book {\n    rating {\n      average\n      count\n      distribution\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReviewCard_review on Review {\n    id\n    rating\n    title\n    body\n    verifiedPurchase\n    createdAt\n    updatedAt\n    author {\n      id\n      username\n    }\n    book {\n      id\n      title\n    }\n  }\n"): (typeof documents)["\n  fragment ReviewCard_review on Review {\n    id\n    rating\n    title\n    body\n    verifiedPurchase\n    createdAt\n    updatedAt\n    author {\n      id\n      username\n    }\n    book {\n      id\n      title\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReviewCards_connection on ReviewConnection {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        ...ReviewCard_review\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n"): (typeof documents)["\n  fragment ReviewCards_connection on ReviewConnection {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        ...ReviewCard_review\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n"];
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
export function graphql(source: "\n  fragment SummaryFields on BookSummary {\n    status\n    text\n    provider\n    generatedAt\n    failureReason\n  }\n"): (typeof documents)["\n  fragment SummaryFields on BookSummary {\n    status\n    text\n    provider\n    generatedAt\n    failureReason\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SummaryBox_book on Book {\n    id\n    summary {\n      ...SummaryFields\n    }\n  }\n"): (typeof documents)["\n  fragment SummaryBox_book on Book {\n    id\n    summary {\n      ...SummaryFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestSummary($bookId: ID!) {\n    requestSummary(bookId: $bookId) {\n      ...SummaryFields\n    }\n  }\n"): (typeof documents)["\n  mutation RequestSummary($bookId: ID!) {\n    requestSummary(bookId: $bookId) {\n      ...SummaryFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CartBook($id: ID!) {\n    book(id: $id) {\n      id\n      title\n      stock\n      price {\n        amount\n        currency\n      }\n      ...BookCover_book\n    }\n  }\n"): (typeof documents)["\n  query CartBook($id: ID!) {\n    book(id: $id) {\n      id\n      title\n      stock\n      price {\n        amount\n        currency\n      }\n      ...BookCover_book\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BookCard_book on Book {\n    id\n    title\n    stock\n    ...BookCover_book\n    price {\n      amount\n      currency\n    }\n    authors {\n      id\n      name\n    }\n    rating {\n      average\n      count\n    }\n    availability {\n      available\n      availableCopies\n      totalCopies\n    }\n  }\n"): (typeof documents)["\n  fragment BookCard_book on Book {\n    id\n    title\n    stock\n    ...BookCover_book\n    price {\n      amount\n      currency\n    }\n    authors {\n      id\n      name\n    }\n    rating {\n      average\n      count\n    }\n    availability {\n      available\n      availableCopies\n      totalCopies\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BookCover_book on Book {\n    title\n    coverUrl\n    authors {\n      id\n      name\n    }\n    categories {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment BookCover_book on Book {\n    title\n    coverUrl\n    authors {\n      id\n      name\n    }\n    categories {\n      id\n      name\n    }\n  }\n"];
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
export function graphql(source: "\n  mutation UpdateShippingAddress($id: ID!, $address: AddressInput!) {\n    updateShippingAddress(id: $id, address: $address) {\n      id\n      ...OrderDetail_order\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateShippingAddress($id: ID!, $address: AddressInput!) {\n    updateShippingAddress(id: $id, address: $address) {\n      id\n      ...OrderDetail_order\n    }\n  }\n"];
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
export function graphql(source: "\n  fragment SessionPayload on AuthPayload {\n    accessToken\n    refreshToken\n    expiresIn\n    user {\n      ...SessionUser\n    }\n  }\n"): (typeof documents)["\n  fragment SessionPayload on AuthPayload {\n    accessToken\n    refreshToken\n    expiresIn\n    user {\n      ...SessionUser\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) {\n      ...SessionPayload\n    }\n  }\n"): (typeof documents)["\n  mutation RefreshSession($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) {\n      ...SessionPayload\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n"): (typeof documents)["\n  mutation SignOut($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MyLibraryUpdates {\n    myLibraryUpdates {\n      kind\n      at\n      hold {\n        id\n        ...HoldFields\n      }\n      loan {\n        id\n        status\n        dueAt\n        book {\n          id\n          title\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription MyLibraryUpdates {\n    myLibraryUpdates {\n      kind\n      at\n      hold {\n        id\n        ...HoldFields\n      }\n      loan {\n        id\n        status\n        dueAt\n        book {\n          id\n          title\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyHolds($status: HoldStatus, $after: String) {\n    me {\n      id\n      holds(status: $status, first: 20, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            ...HoldFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyHolds($status: HoldStatus, $after: String) {\n    me {\n      id\n      holds(status: $status, first: 20, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            ...HoldFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyLoans($status: LoanStatus, $after: String) {\n    me {\n      id\n      loans(status: $status, first: 20, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            ...LoanFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyLoans($status: LoanStatus, $after: String) {\n    me {\n      id\n      loans(status: $status, first: 20, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            ...LoanFields\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AvailabilityFields on Availability {\n    totalCopies\n    availableCopies\n    available\n    nextDueAt\n    holdsWaiting\n  }\n"): (typeof documents)["\n  fragment AvailabilityFields on Availability {\n    totalCopies\n    availableCopies\n    available\n    nextDueAt\n    holdsWaiting\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment HoldFields on Hold {\n    id\n    status\n    position\n    placedAt\n    readyAt\n    pickupBy\n    book {\n      id\n      title\n    }\n  }\n"): (typeof documents)["\n  fragment HoldFields on Hold {\n    id\n    status\n    position\n    placedAt\n    readyAt\n    pickupBy\n    book {\n      id\n      title\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyActiveHolds {\n    me {\n      id\n      waiting: holds(status: WAITING, first: 10) {\n        edges {\n          node {\n            id\n            ...HoldFields\n          }\n        }\n      }\n      ready: holds(status: READY, first: 10) {\n        edges {\n          node {\n            id\n            ...HoldFields\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyActiveHolds {\n    me {\n      id\n      waiting: holds(status: WAITING, first: 10) {\n        edges {\n          node {\n            id\n            ...HoldFields\n          }\n        }\n      }\n      ready: holds(status: READY, first: 10) {\n        edges {\n          node {\n            id\n            ...HoldFields\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelHold($holdId: ID!) {\n    cancelHold(holdId: $holdId) {\n      id\n      ...HoldFields\n      book {\n        id\n        availability {\n          ...AvailabilityFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CancelHold($holdId: ID!) {\n    cancelHold(holdId: $holdId) {\n      id\n      ...HoldFields\n      book {\n        id\n        availability {\n          ...AvailabilityFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LoanFields on Loan {\n    id\n    status\n    borrowedAt\n    dueAt\n    returnedAt\n    renewals\n    book {\n      id\n      title\n    }\n  }\n"): (typeof documents)["\n  fragment LoanFields on Loan {\n    id\n    status\n    borrowedAt\n    dueAt\n    returnedAt\n    renewals\n    book {\n      id\n      title\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReturnBook($loanId: ID!) {\n    returnBook(loanId: $loanId) {\n      id\n      status\n      returnedAt\n      book {\n        id\n        availability {\n          ...AvailabilityFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ReturnBook($loanId: ID!) {\n    returnBook(loanId: $loanId) {\n      id\n      status\n      returnedAt\n      book {\n        id\n        availability {\n          ...AvailabilityFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RenewLoan($loanId: ID!) {\n    renewLoan(loanId: $loanId) {\n      id\n      status\n      dueAt\n      renewals\n    }\n  }\n"): (typeof documents)["\n  mutation RenewLoan($loanId: ID!) {\n    renewLoan(loanId: $loanId) {\n      id\n      status\n      dueAt\n      renewals\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BookEditor_book on Book {\n    id\n    title\n    description\n    isbn\n    publishedYear\n    pageCount\n    coverUrl\n    price {\n      amount\n      currency\n    }\n    authors {\n      id\n      name\n    }\n    categories {\n      id\n    }\n  }\n"): (typeof documents)["\n  fragment BookEditor_book on Book {\n    id\n    title\n    description\n    isbn\n    publishedYear\n    pageCount\n    coverUrl\n    price {\n      amount\n      currency\n    }\n    authors {\n      id\n      name\n    }\n    categories {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BookEditor($id: ID!, $withBook: Boolean!) {\n    categories {\n      id\n      name\n    }\n    book(id: $id) @include(if: $withBook) {\n      id\n      stock\n      ...BookEditor_book\n      availability {\n        ...AvailabilityFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query BookEditor($id: ID!, $withBook: Boolean!) {\n    categories {\n      id\n      name\n    }\n    book(id: $id) @include(if: $withBook) {\n      id\n      stock\n      ...BookEditor_book\n      availability {\n        ...AvailabilityFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateBook($input: CreateBookInput!) {\n    createBook(input: $input) {\n      id\n      title\n    }\n  }\n"): (typeof documents)["\n  mutation CreateBook($input: CreateBookInput!) {\n    createBook(input: $input) {\n      id\n      title\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateBook($id: ID!, $input: UpdateBookInput!) {\n    updateBook(id: $id, input: $input) {\n      id\n      ...BookEditor_book\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateBook($id: ID!, $input: UpdateBookInput!) {\n    updateBook(id: $id, input: $input) {\n      id\n      ...BookEditor_book\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Restock($bookId: ID!, $quantity: Int!) {\n    restock(bookId: $bookId, quantity: $quantity) {\n      id\n      stock\n    }\n  }\n"): (typeof documents)["\n  mutation Restock($bookId: ID!, $quantity: Int!) {\n    restock(bookId: $bookId, quantity: $quantity) {\n      id\n      stock\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetLendingCopies($bookId: ID!, $copies: Int!) {\n    setLendingCopies(bookId: $bookId, copies: $copies) {\n      ...AvailabilityFields\n    }\n  }\n"): (typeof documents)["\n  mutation SetLendingCopies($bookId: ID!, $copies: Int!) {\n    setLendingCopies(bookId: $bookId, copies: $copies) {\n      ...AvailabilityFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCategory($input: CreateCategoryInput!) {\n    createCategory(input: $input) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation CreateCategory($input: CreateCategoryInput!) {\n    createCategory(input: $input) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CheckOutBook($bookId: ID!, $memberId: ID!) {\n    checkOutBook(bookId: $bookId, memberId: $memberId) {\n      id\n      dueAt\n      borrower {\n        id\n        username\n      }\n      book {\n        id\n        title\n        availability {\n          ...AvailabilityFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CheckOutBook($bookId: ID!, $memberId: ID!) {\n    checkOutBook(bookId: $bookId, memberId: $memberId) {\n      id\n      dueAt\n      borrower {\n        id\n        username\n      }\n      book {\n        id\n        title\n        availability {\n          ...AvailabilityFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeskMember($id: ID!) {\n    user(id: $id) {\n      id\n      username\n      name\n    }\n  }\n"): (typeof documents)["\n  query DeskMember($id: ID!) {\n    user(id: $id) {\n      id\n      username\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeskHolds($bookId: ID, $status: HoldStatus, $after: String) {\n    holds(bookId: $bookId, status: $status, first: 25, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...HoldFields\n          member {\n            ...MemberName_user\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query DeskHolds($bookId: ID, $status: HoldStatus, $after: String) {\n    holds(bookId: $bookId, status: $status, first: 25, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...HoldFields\n          member {\n            ...MemberName_user\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LendToHold($bookId: ID!, $memberId: ID!) {\n    checkOutBook(bookId: $bookId, memberId: $memberId) {\n      id\n      dueAt\n    }\n  }\n"): (typeof documents)["\n  mutation LendToHold($bookId: ID!, $memberId: ID!) {\n    checkOutBook(bookId: $bookId, memberId: $memberId) {\n      id\n      dueAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeskBook($id: ID!) {\n    book(id: $id) {\n      id\n      title\n      availability {\n        ...AvailabilityFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query DeskBook($id: ID!) {\n    book(id: $id) {\n      id\n      title\n      availability {\n        ...AvailabilityFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeskLoans($status: LoanStatus, $after: String) {\n    loans(status: $status, first: 25, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...LoanFields\n          borrower {\n            ...MemberName_user\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query DeskLoans($status: LoanStatus, $after: String) {\n    loans(status: $status, first: 25, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...LoanFields\n          borrower {\n            ...MemberName_user\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminOrders($status: OrderStatus, $after: String) {\n    orders(status: $status, first: 20, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...OrderRow_order\n          customer {\n            id\n            username\n          }\n          payments {\n            id\n            status\n            amount {\n              amount\n              currency\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminOrders($status: OrderStatus, $after: String) {\n    orders(status: $status, first: 20, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...OrderRow_order\n          customer {\n            id\n            username\n          }\n          payments {\n            id\n            status\n            amount {\n              amount\n              currency\n            }\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateOrderStatus($id: ID!, $status: OrderStatus!) {\n    updateOrderStatus(id: $id, status: $status) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateOrderStatus($id: ID!, $status: OrderStatus!) {\n    updateOrderStatus(id: $id, status: $status) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminPayments($status: PaymentStatus, $after: String) {\n    payments(status: $status, first: 20, after: $after) {\n      ...PaymentsList_connection\n    }\n  }\n"): (typeof documents)["\n  query AdminPayments($status: PaymentStatus, $after: String) {\n    payments(status: $status, first: 20, after: $after) {\n      ...PaymentsList_connection\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefundPayment($paymentId: ID!, $amount: String, $reason: String) {\n    refundPayment(paymentId: $paymentId, amount: $amount, reason: $reason) {\n      id\n      amount {\n        amount\n        currency\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RefundPayment($paymentId: ID!, $amount: String, $reason: String) {\n    refundPayment(paymentId: $paymentId, amount: $amount, reason: $reason) {\n      id\n      amount {\n        amount\n        currency\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ModerationReviews($after: String) {\n    reviews(first: 20, after: $after) {\n      ...ReviewCards_connection\n    }\n  }\n"): (typeof documents)["\n  query ModerationReviews($after: String) {\n    reviews(first: 20, after: $after) {\n      ...ReviewCards_connection\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StaffBooks($search: String) {\n    books(filter: { search: $search }, first: 20) {\n      totalCount\n      edges {\n        node {\n          id\n          title\n          stock\n          authors {\n            id\n            name\n          }\n          availability {\n            totalCopies\n            availableCopies\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query StaffBooks($search: String) {\n    books(filter: { search: $search }, first: 20) {\n      totalCount\n      edges {\n        node {\n          id\n          title\n          stock\n          authors {\n            id\n            name\n          }\n          availability {\n            totalCopies\n            availableCopies\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminUsers($after: String) {\n    users(first: 50, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          username\n          email\n          name\n          role\n          createdAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminUsers($after: String) {\n    users(first: 50, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          username\n          email\n          name\n          role\n          createdAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetUserRole($userId: ID!, $role: Role!) {\n    setUserRole(userId: $userId, role: $role) {\n      id\n      role\n    }\n  }\n"): (typeof documents)["\n  mutation SetUserRole($userId: ID!, $role: Role!) {\n    setUserRole(userId: $userId, role: $role) {\n      id\n      role\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateUser($id: ID!, $input: UpdateProfileInput!) {\n    updateUser(id: $id, input: $input) {\n      id\n      username\n      email\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateUser($id: ID!, $input: UpdateProfileInput!) {\n    updateUser(id: $id, input: $input) {\n      id\n      username\n      email\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MemberName_user on User {\n    id\n    username\n    name\n  }\n"): (typeof documents)["\n  fragment MemberName_user on User {\n    id\n    username\n    name\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;